import type { TextBlock } from '../types.ts';
import type { ChatMessage } from '../session/chat-message.ts';

/** The events of a one-text-block assistant turn, sent piece by piece by session tests. */
export const textTurn = {
  start: {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 1 },
    },
  },
  blockStart: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  delta: (text: string): Record<string, unknown> => ({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text },
  }),
  /** Block stop, the final `message_delta` (`end_turn`, `outputTokens`) and `message_stop`. */
  end: (outputTokens: number): Record<string, unknown>[] => [
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
    { type: 'message_stop' },
  ],
};

/** The text of a message's first block. */
export const firstText = (message: ChatMessage | undefined): string =>
  (message?.content[0] as TextBlock | undefined)?.text ?? '';
