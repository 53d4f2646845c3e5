import { expect } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { MessageContent } from './message-content.tsx';
import { Message } from './message.tsx';
import { fixtures } from './stories/fixtures.ts';

const meta = preview.meta({
  component: Message,
  title: 'Parts/Message',
  decorators: [
    (Story) => (
      <div data-slot="message-list-content">
        <Story />
      </div>
    ),
  ],
});

/** The user's turn: a bubble at the end of the line. */
export const User = meta.story({
  args: { role: 'user', children: <MessageContent message={fixtures.question} /> },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveAttribute('data-role', 'user');
  },
});

/** Claude's turn: flowing text. */
export const Assistant = meta.story({
  args: { role: 'assistant', status: 'complete', children: <MessageContent message={fixtures.complete} /> },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('article', { name: 'Claude' })).toHaveAttribute('data-state', 'complete');
  },
});

/** Still streaming (`data-state="streaming"`). */
export const Streaming = meta.story({
  args: { role: 'assistant', status: 'streaming', children: <MessageContent message={fixtures.streaming} /> },
});

/** Stopped by the user: the partial answer stays, marked as stopped. */
export const Aborted = meta.story({
  args: { role: 'assistant', status: 'aborted', children: <MessageContent message={fixtures.aborted} /> },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('article', { name: 'Claude' })).toHaveAttribute('data-state', 'aborted');
  },
});

/** A user turn that only carries a tool result. */
export const ToolResult = meta.story({
  args: {
    role: 'tool',
    children: <MessageContent message={fixtures.weatherResult} previous={fixtures.toolDone} />,
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('article', { name: 'Tool result' })).toBeVisible();
  },
});
