import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { clipboardText, withoutClipboardAPI } from '../test/clipboard.ts';
import { installStyles } from '../test/styles.ts';
import { CopyButton } from './copy-button.tsx';

installStyles();

describe('CopyButton', () => {
  it('copies its text and reads "Copied", in a live region screen readers hear', async () => {
    const screen = await render(<CopyButton text="42 is the answer" />);
    await expectNoAxeViolations(screen.container);
    await screen.getByRole('button', { name: 'Copy' }).click();
    const button = screen.getByRole('button', { name: 'Copied' });
    await expect.element(button).toHaveAttribute('data-state', 'copied');
    await expect.element(button).toHaveAttribute('title', 'Copied');
    expect(button.element().querySelector('[aria-live="polite"]')).toHaveTextContent('Copied');
    expect(await clipboardText()).toBe('42 is the answer');
  });

  it('asks for the text only when pressed, so a long answer is not joined on every render', async () => {
    const text = vi.fn<() => string>(() => 'joined when pressed');
    const screen = await render(<CopyButton text={text} />);
    expect(text).not.toHaveBeenCalled();
    await screen.getByRole('button', { name: 'Copy' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(text).toHaveBeenCalledTimes(1);
    expect(await clipboardText()).toBe('joined when pressed');
  });

  it('copies on a page served over plain HTTP, where there is no Clipboard API', async () => {
    withoutClipboardAPI();
    const screen = await render(<CopyButton text="copied by selection" />);
    await screen.getByRole('button', { name: 'Copy' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await clipboardText()).toBe('copied by selection');
    // The hidden textarea is gone and the focus is back on the button.
    expect(document.querySelector('textarea')).toBeNull();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toHaveFocus();
  });

  it('says "Could not copy" and reports the error when the browser refuses both ways', async () => {
    const refusal = new DOMException('Write permission denied.', 'NotAllowedError');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(refusal);
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    const onCopyError = vi.fn<(error: unknown) => void>();
    const screen = await render(<CopyButton text="not copied" onCopyError={onCopyError} />);
    await screen.getByRole('button', { name: 'Copy' }).click();
    await expect
      .element(screen.getByRole('button', { name: 'Could not copy' }))
      .toHaveAttribute('data-state', 'failed');
    expect(onCopyError).toHaveBeenCalledWith(refusal);
    vi.restoreAllMocks();
  });

  it('lets its own onClick cancel the copy', async () => {
    const screen = await render(
      <CopyButton text="never" label="Copy link" onClick={(event) => event.preventDefault()} />,
    );
    await screen.getByRole('button', { name: 'Copy link' }).click();
    await expect
      .element(screen.getByRole('button', { name: 'Copy link' }))
      .toHaveAttribute('data-state', 'idle');
  });
});
