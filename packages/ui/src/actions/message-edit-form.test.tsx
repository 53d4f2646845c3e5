import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { MessageEditForm } from './message-edit-form.tsx';

installStyles();

describe('MessageEditForm', () => {
  it('saves the trimmed text with Enter, and Shift+Enter starts a new line', async () => {
    const onSave = vi.fn<(text: string) => void>();
    const screen = await render(
      <MessageEditForm initial="First line" onSave={onSave} onCancel={vi.fn<() => void>()} />,
    );
    await expectNoAxeViolations(screen.container);
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}second line  ');
    await expect
      .element(screen.getByRole('textbox', { name: 'Edit message' }))
      .toHaveValue('First line\nsecond line  ');
    expect(onSave).not.toHaveBeenCalled();
    await userEvent.keyboard('{Enter}');
    expect(onSave).toHaveBeenCalledWith('First line\nsecond line', []);
  });

  it('does not save on the Enter that ends an IME composition', async () => {
    const onSave = vi.fn<(text: string) => void>();
    const screen = await render(
      <MessageEditForm initial="" onSave={onSave} onCancel={vi.fn<() => void>()} />,
    );
    const input = screen.getByRole('textbox', { name: 'Edit message' }).element() as HTMLTextAreaElement;
    await userEvent.keyboard('nihon');
    input.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }),
    );
    expect(onSave).not.toHaveBeenCalled();
  });

  it('takes its words as props, for an app in another language', async () => {
    const screen = await render(
      <MessageEditForm
        initial="Bonjour"
        onSave={vi.fn<(text: string) => void>()}
        onCancel={vi.fn<() => void>()}
        saveLabel="Enregistrer et renvoyer"
        cancelLabel="Annuler"
        inputLabel="Modifier le message"
      />,
    );
    await expect.element(screen.getByRole('textbox', { name: 'Modifier le message' })).toHaveValue('Bonjour');
    await expect.element(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Enregistrer et renvoyer' })).toBeVisible();
  });

  it('cancels with Escape or the Cancel button, and saves with its own label', async () => {
    const onCancel = vi.fn<() => void>();
    const onSave = vi.fn<(text: string) => void>();
    const screen = await render(
      <MessageEditForm initial="Hi" onSave={onSave} onCancel={onCancel} saveLabel="Send again" />,
    );
    await userEvent.keyboard('{Escape}');
    await screen.getByRole('button', { name: 'Cancel' }).click();
    expect(onCancel).toHaveBeenCalledTimes(2);
    await screen.getByRole('button', { name: 'Send again' }).click();
    expect(onSave).toHaveBeenCalledWith('Hi', []);
  });
});
