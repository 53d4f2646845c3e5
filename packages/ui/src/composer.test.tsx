import { useState } from 'react';
import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { Composer } from './composer.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

async function setup(props: Partial<Parameters<typeof Composer>[0]> = {}) {
  const onSend = vi.fn<(text: string) => void>();
  const onStop = vi.fn<() => void>();
  const screen = await render(<Composer onSend={onSend} onStop={onStop} {...props} />);
  const box = screen.getByRole('textbox', { name: 'Message' });
  return { screen, box, onSend, onStop, element: box.element() as HTMLTextAreaElement };
}

it('sends the trimmed text on Enter, clears the box and keeps focus in it', async () => {
  const { box, onSend, element } = await setup();
  await userEvent.click(box);
  await userEvent.keyboard('  Hello there  {Enter}');
  expect(onSend).toHaveBeenCalledExactlyOnceWith('Hello there');
  await expect.element(box).toHaveValue('');
  expect(document.activeElement).toBe(element);
});

it('starts a new line on Shift+Enter without sending', async () => {
  const { box, onSend } = await setup();
  await userEvent.click(box);
  await userEvent.keyboard('one{Shift>}{Enter}{/Shift}two');
  await expect.element(box).toHaveValue('one\ntwo');
  expect(onSend).not.toHaveBeenCalled();
});

it('on a touch screen, starts a new line on Return and sends with the button or Ctrl/Cmd+Enter', async () => {
  const matchMedia = window.matchMedia.bind(window);
  vi.spyOn(window, 'matchMedia').mockImplementation((query) =>
    query === '(pointer: coarse)' ? ({ matches: true } as MediaQueryList) : matchMedia(query),
  );
  const { screen, box, onSend } = await setup();
  await userEvent.click(box);
  await userEvent.keyboard('one{Enter}two');
  await expect.element(box).toHaveValue('one\ntwo');
  expect(onSend).not.toHaveBeenCalled();
  await screen.getByRole('button', { name: 'Send' }).click();
  expect(onSend).toHaveBeenCalledExactlyOnceWith('one\ntwo');
  await userEvent.click(box);
  await userEvent.keyboard('three{Control>}{Enter}{/Control}');
  expect(onSend).toHaveBeenLastCalledWith('three');
  await userEvent.keyboard('four{Meta>}{Enter}{/Meta}');
  expect(onSend).toHaveBeenLastCalledWith('four');
  vi.restoreAllMocks();
});

it('never sends while an input method is composing (isComposing or keyCode 229)', async () => {
  const { box, onSend, element } = await setup();
  await userEvent.fill(box, 'にほんご');
  element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
  element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true }));
  expect(onSend).not.toHaveBeenCalled();
  element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  expect(onSend).toHaveBeenCalledExactlyOnceWith('にほんご');
});

it('stops on Esc while busy and keeps focus in the box', async () => {
  const { box, onStop, element } = await setup({ busy: true });
  await userEvent.click(box);
  await userEvent.keyboard('{Escape}');
  expect(onStop).toHaveBeenCalledOnce();
  expect(document.activeElement).toBe(element);
});

it('stops on Esc from any of its controls, not only the text box', async () => {
  const { screen, onStop } = await setup({ busy: true });
  (screen.getByRole('button', { name: 'Stop' }).element() as HTMLElement).focus();
  await userEvent.keyboard('{Escape}');
  expect(onStop).toHaveBeenCalledOnce();
});

it('leaves the focus alone when a finger taps Stop: the on-screen keyboard must not cover the answer', async () => {
  const onSend = vi.fn<(text: string) => void>();
  const onStop = vi.fn<() => void>();
  const screen = await render(<Composer onSend={onSend} onStop={onStop} busy />);
  const stop = screen.getByRole('button', { name: 'Stop' }).element() as HTMLButtonElement;
  stop.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }));
  stop.focus(); // Android's Chrome focuses a tapped button
  stop.click();
  expect(onStop).toHaveBeenCalledOnce();
  await screen.rerender(<Composer onSend={onSend} onStop={onStop} busy={false} />);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(document.activeElement).not.toBe(screen.getByRole('textbox', { name: 'Message' }).element());
});

it('gives the focus to the text box when the focused stop button goes away as the answer ends', async () => {
  const onSend = vi.fn<(text: string) => void>();
  const onStop = vi.fn<() => void>();
  const screen = await render(<Composer onSend={onSend} onStop={onStop} busy />);
  await userEvent.click(screen.getByRole('textbox', { name: 'Message' }));
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop' }).element());
  await screen.rerender(<Composer onSend={onSend} onStop={onStop} busy={false} />);
  const box = screen.getByRole('textbox', { name: 'Message' }).element();
  await expect.poll(() => document.activeElement).toBe(box);
  expect(onStop).not.toHaveBeenCalled();
});

it('leaves the focus alone when it moved elsewhere before the stop button went away', async () => {
  const onSend = vi.fn<(text: string) => void>();
  const screen = await render(
    <>
      <button type="button">Elsewhere</button>
      <Composer onSend={onSend} onStop={() => undefined} busy />
    </>,
  );
  (screen.getByRole('button', { name: 'Stop' }).element() as HTMLElement).focus();
  const elsewhere = screen.getByRole('button', { name: 'Elsewhere' }).element() as HTMLElement;
  elsewhere.focus();
  await screen.rerender(
    <>
      <button type="button">Elsewhere</button>
      <Composer onSend={onSend} onStop={() => undefined} busy={false} />
    </>,
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(document.activeElement).toBe(elsewhere);
});

it('ignores Esc when nothing is streaming', async () => {
  const { box, onStop } = await setup();
  await userEvent.click(box);
  await userEvent.keyboard('{Escape}');
  expect(onStop).not.toHaveBeenCalled();
});

it('does not send while a response is pending, and shows a stop button that returns focus to the box', async () => {
  const { screen, box, onSend, onStop, element } = await setup({ busy: true });
  await userEvent.fill(box, 'Next question');
  await userEvent.keyboard('{Enter}');
  expect(onSend).not.toHaveBeenCalled();
  await expect.element(box).toHaveValue('Next question');
  expect(screen.getByRole('button', { name: 'Send' }).query()).toBeNull();
  await screen.getByRole('button', { name: 'Stop' }).click();
  expect(onStop).toHaveBeenCalledOnce();
  expect(document.activeElement).toBe(element);
});

it('sends with the button and returns focus to the box', async () => {
  const { screen, box, onSend, element } = await setup();
  const send = screen.getByRole('button', { name: 'Send' });
  await expect.element(send).toBeDisabled();
  await userEvent.fill(box, 'Hi');
  await send.click();
  expect(onSend).toHaveBeenCalledExactlyOnceWith('Hi');
  expect(document.activeElement).toBe(element);
});

it('turns right to left when the first letter typed is Hebrew', async () => {
  const { box, element } = await setup();
  expect(element.matches(':dir(ltr)')).toBe(true);
  await box.fill('שלום, I am here');
  expect(element.matches(':dir(rtl)')).toBe(true);
});

it('grows with its content', async () => {
  const { box, element } = await setup();
  const before = element.getBoundingClientRect().height;
  await userEvent.fill(box, 'a\nb\nc\nd');
  await expect.poll(() => element.getBoundingClientRect().height).toBeGreaterThan(before);
});

it('is disabled as a whole when disabled', async () => {
  const { box, screen } = await setup({ disabled: true });
  await expect.element(box).toBeDisabled();
  expect(screen.container.querySelector('[data-slot="composer"]')?.getAttribute('data-state')).toBe(
    'disabled',
  );
});

it('merges className, spreads props and passes axe', async () => {
  const { screen } = await setup({ className: 'mine', id: 'composer' });
  const form = screen.container.querySelector('form')!;
  expect(form.id).toBe('composer');
  expect(form.className).toBe('mine');
  expect(form.dataset['slot']).toBe('composer');
  await expectNoAxeViolations(screen.container);
});

it('draws the focus ring around the composer while its text box has the focus', async () => {
  const { screen, element } = await setup();
  const form = screen.container.querySelector('form')!;
  expect(getComputedStyle(form).outlineStyle).toBe('none');
  element.focus();
  expect(getComputedStyle(form).outlineStyle).toBe('solid');
  expect(getComputedStyle(form).outlineColor).toBe('rgb(37, 99, 235)');
  // The send button draws its own ring: the composer does not draw a second one around it.
  await userEvent.fill(screen.getByRole('textbox'), 'Hi');
  (screen.getByRole('button', { name: 'Send' }).element() as HTMLElement).focus();
  expect(getComputedStyle(form).outlineStyle).toBe('none');
});

it('takes attributes and handlers for its text box: the keyboard hint, a limit, a key of the app’s own', async () => {
  const onChange = vi.fn<(value: string) => void>();
  const { box, element, onSend } = await setup({
    textBoxProps: {
      enterKeyHint: 'send',
      maxLength: 20,
      spellCheck: false,
      onChange: (event) => onChange(event.target.value),
      // The app's own shortcut: "/" at the start opens its command menu instead of typing.
      onKeyDown: (event) => {
        if (event.key === 'Enter' && event.currentTarget.value.startsWith('/')) event.preventDefault();
      },
    },
  });
  expect(element.getAttribute('enterkeyhint')).toBe('send');
  expect(element.spellcheck).toBe(false);
  await userEvent.click(box);
  await userEvent.keyboard('/help{Enter}');
  // The app kept Enter: nothing sent, the text stays; the composer still follows what was typed.
  expect(onSend).not.toHaveBeenCalled();
  await expect.element(box).toHaveValue('/help');
  expect(onChange).toHaveBeenLastCalledWith('/help');
  await userEvent.fill(box, 'a message well over twenty characters');
  await userEvent.keyboard('{Enter}');
  expect(onSend).toHaveBeenCalledExactlyOnceWith('a message well over twenty characters'.slice(0, 20).trim());
});

/** A composer that is busy from a send until a stop, as a chat is. */
function Busy({ onSend, onStop }: { onSend: (text: string) => void; onStop: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Composer
      busy={busy}
      onSend={(text) => (onSend(text), setBusy(true))}
      onStop={() => (onStop(), setBusy(false))}
    />
  );
}

it("keeps Enter to send and Esc to stop beside the form's own onKeyDown, which runs first", async () => {
  const keys: string[] = [];
  const { box, onSend, onStop, screen } = await setup({
    onKeyDown: (event) => {
      keys.push(event.key);
      // An app's own use of a key: the composer leaves a key it was given alone.
      if (event.key === 'Enter' && event.altKey) event.preventDefault();
    },
  });
  await userEvent.click(box);
  await userEvent.keyboard('Hi{Alt>}{Enter}{/Alt}');
  expect(onSend).not.toHaveBeenCalled();
  // Before: any onKeyDown replaced the composer's, and Enter did nothing.
  await userEvent.keyboard('{Enter}');
  expect(onSend).toHaveBeenCalledExactlyOnceWith('Hi');
  expect(keys).toContain('Enter');
  await userEvent.fill(box, 'Again');
  await screen.getByRole('button', { name: 'Send' }).click();
  expect(onSend).toHaveBeenLastCalledWith('Again');
  await screen.rerender(
    <Composer onSend={onSend} onStop={onStop} busy onKeyDown={(event) => keys.push(event.key)} />,
  );
  await userEvent.click(box);
  await userEvent.keyboard('{Escape}');
  expect(onStop).toHaveBeenCalledOnce();
});

it('a double click sends once, or stops once: its second click never presses the button that took the place', async () => {
  const onSend = vi.fn<(text: string) => void>();
  const onStop = vi.fn<() => void>();
  const screen = await render(<Busy onSend={onSend} onStop={onStop} />);
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Hello');
  await userEvent.dblClick(screen.getByRole('button', { name: 'Send' }));
  expect(onSend).toHaveBeenCalledExactlyOnceWith('Hello');
  expect(onStop).not.toHaveBeenCalled();

  // A draft typed while the answer streams is not sent by a double click on Stop.
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'For later');
  await userEvent.dblClick(screen.getByRole('button', { name: 'Stop' }));
  expect(onStop).toHaveBeenCalledOnce();
  expect(onSend).toHaveBeenCalledOnce();
  await expect.element(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('For later');
});
