import type { ReactNode } from 'react';
import { expect, waitFor } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import type { ChatMessage } from '@chatstream/reader';
import { markdownRenderText } from './markdown/index.ts';
import { MessageContent } from './message-content.tsx';
import { MessageList } from './message-list.tsx';
import { Message } from './message.tsx';
import { fixtures, longConversation } from './stories/fixtures.ts';
import { holdsToolResults } from '@chatstream/reader';

function rows(messages: readonly ChatMessage[]): ReactNode {
  return messages.map((message, index) => (
    <Message
      key={message.id}
      role={holdsToolResults(message) ? 'tool' : message.role}
      status={message.status}
    >
      <MessageContent
        message={message}
        previous={messages[index - 1]}
        renderText={message.role === 'assistant' ? markdownRenderText : undefined}
      />
    </Message>
  ));
}

const meta = preview.meta({
  component: MessageList,
  title: 'Parts/MessageList',
  decorators: [
    (Story) => (
      <div style={{ display: 'flex', flexDirection: 'column', blockSize: 420 }}>
        <Story />
      </div>
    ),
  ],
});

/**
 * A long conversation. The transcript starts at the newest message; scrolling up stops following
 * and offers "Jump to latest", which scrolls back down and hands focus to the transcript.
 */
export const LongConversation = meta.story({
  args: { children: rows(longConversation) },
  play: async ({ canvas, userEvent }) => {
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log.scrollTop).toBeGreaterThan(0));
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    log.scrollTop = 0;
    const jump = await canvas.findByRole('button', { name: 'Jump to latest' });
    await expect(log.parentElement).toHaveAttribute('data-state', 'detached');
    await userEvent.click(jump);
    await waitFor(() => expect(log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThan(2), {
      timeout: 3000,
    });
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    await expect(log).toHaveFocus();
  },
});

/** A response on its way: `aria-busy` so screen readers wait for it. */
export const Busy = meta.story({
  args: { busy: true, children: rows([fixtures.question, fixtures.streaming]) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('log', { name: 'Conversation' })).toHaveAttribute('aria-busy', 'true');
  },
});

/** Nothing yet. */
export const Empty = meta.story({ args: {} });
