import { HTTPError } from '@chatstream/reader';
import { expect } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { TypingIndicator } from './typing-indicator.tsx';

const meta = preview.meta({ component: TypingIndicator, title: 'Parts/TypingIndicator' });

/** Sent, nothing streamed back yet: three dots, and a polite status for screen readers. */
export const Submitted = meta.story({
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Claude is thinking…');
  },
});

/** The announced text is a prop. */
export const CustomLabel = meta.story({
  args: { label: 'Waiting for the first words…' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Waiting for the first words…');
  },
});

/** The session retries after an overload before any content: why it waits, and that it tries again. */
export const Retrying = meta.story({
  args: {
    retrying: {
      attempt: 1,
      delayMs: 800,
      error: new HTTPError('Overloaded', { status: 529, errorType: 'overloaded_error' }),
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'Claude is overloaded right now. Trying again (attempt 2)…',
    );
  },
});
