import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { MessageEditForm } from './message-edit-form.tsx';

installStyles();

/** A PNG image block of `data`. */
const png = (data: string) => ({
  type: 'image' as const,
  source: { type: 'base64' as const, media_type: 'image/png' as const, data },
});

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

  it('tells two photos apart, keeps a long name to its width on a phone, and cancels with Escape from a file', async () => {
    const report = {
      type: 'document' as const,
      title: 'quarterly-financial-report-for-the-board-of-directors-2026-final-v3.pdf',
      source: { type: 'base64' as const, media_type: 'application/pdf' as const, data: 'JVBERi0=' },
    };
    const onCancel = vi.fn<() => void>();
    const screen = await render(
      <div style={{ inlineSize: 240 }}>
        <MessageEditForm
          initial=""
          attachments={[png('AA=='), png('AQ=='), report]}
          onSave={vi.fn<(text: string) => void>()}
          onCancel={onCancel}
        />
      </div>,
    );
    const files = screen.getByRole('list', { name: 'Attachments' });
    expect(
      files
        .getByRole('listitem')
        .all()
        .map((item) => item.element().textContent),
    ).toEqual(['PNG image 1×', 'PNG image 2×', `${report.title}×`]);
    const form = screen.container.querySelector('form')!;
    expect(form.scrollWidth).toBeLessThanOrEqual(240);
    await expectNoAxeViolations(screen.container);
    (files.getByRole('button', { name: 'Remove PNG image 2' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
