import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { Composer } from './composer.tsx';

const meta = preview.meta({
  component: Composer,
  title: 'Parts/Composer',
  args: { onSend: fn(), onStop: fn() },
});

/**
 * Ready for a message. Enter sends the trimmed text and clears the box, Shift+Enter starts a new
 * line, and focus stays in the box.
 */
export const Idle = meta.story({
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole('textbox', { name: 'Message' });
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.type(box, 'First line');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await userEvent.type(box, 'second line  ');
    await expect(args.onSend).not.toHaveBeenCalled();
    await expect(box).toHaveValue('First line\nsecond line  ');
    await userEvent.keyboard('{Enter}');
    await expect(args.onSend).toHaveBeenCalledOnce();
    await expect(args.onSend).toHaveBeenCalledWith('First line\nsecond line');
    await expect(box).toHaveValue('');
    await expect(box).toHaveFocus();
  },
});

/** The send button sends too; an empty or blank draft sends nothing. */
export const SendButton = meta.story({
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, '   ');
    await userEvent.keyboard('{Enter}');
    await expect(args.onSend).not.toHaveBeenCalled();
    await userEvent.type(box, 'Hello');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(args.onSend).toHaveBeenCalledOnce();
    await expect(args.onSend).toHaveBeenCalledWith('Hello');
  },
});

/**
 * A response is on its way: the stop button replaces send, Esc stops, and Enter does not send (the
 * draft stays editable for the next turn).
 */
export const Busy = meta.story({
  args: { busy: true, defaultValue: 'A follow-up question' },
  play: async ({ canvas, userEvent, args }) => {
    const box = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.keyboard('{Enter}');
    await expect(args.onSend).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    await expect(args.onStop).toHaveBeenCalledOnce();
    await expect(box).toHaveFocus();
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await expect(args.onStop).toHaveBeenCalledTimes(2);
    await expect(box).toHaveValue('A follow-up question');
  },
});

/** Esc does nothing when there is nothing to stop. */
export const EscapeWhileIdle = meta.story({
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('textbox', { name: 'Message' }));
    await userEvent.keyboard('{Escape}');
    await expect(args.onStop).not.toHaveBeenCalled();
  },
});

/** A long draft grows the box (up to a cap, then it scrolls). */
export const LongDraft = meta.story({
  args: {
    defaultValue:
      'Here is a longer draft.\nIt has several lines,\nso the text box grows with it\ninstead of scrolling a single line.\nUp to a point.',
  },
  play: async ({ canvas }) => {
    const box = canvas.getByRole('textbox', { name: 'Message' });
    await expect(box.getBoundingClientRect().height).toBeGreaterThan(60);
  },
});

/** Disabled as a whole. */
export const Disabled = meta.story({
  args: { disabled: true, placeholder: 'Sign in to chat' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  },
});
