import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';

/** Whether `message` is Claude's. */
export const isAnswer = (message: ChatMessage): boolean => message.role === 'assistant';

/**
 * Whether `message` holds tool results only: the loop going on from tool calls, not a person's
 * words. Such a message is drawn as the tools' (or not at all), never as something the person said.
 *
 * @example
 * const said = messages.filter((message) => message.role === 'user' && !holdsToolResults(message));
 */
export const holdsToolResults = (message: ChatMessage | undefined): boolean =>
  message?.role === 'user' &&
  message.content.length > 0 &&
  message.content.every((block) => block.type === 'tool_result');

/**
 * An answer its relay may still be streaming: restored mid-stream (`aborted`) or cut off by a lost
 * connection (`error`), with the stream's id, and the default transport to reach the relay.
 */
export function reconnectable(
  message: ChatMessage | undefined,
  options: ChatSessionOptions,
): message is ChatMessage & { streamId: string } {
  return (
    !options.transport &&
    message?.role === 'assistant' &&
    (message.status === 'aborted' || message.status === 'error') &&
    typeof message.streamId === 'string'
  );
}
