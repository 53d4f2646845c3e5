import { useCallback, useSyncExternalStore } from 'react';
import type { ChatMessage, ChatSession } from '@chatstream/reader';
import { useChatSessionOrProvided } from './chat-session-context.ts';

/**
 * The message with this id, re-rendering only when that message changes: the row subscribes to its
 * own message in the session, so while another message streams nothing runs for it at all, and the
 * cost of a streamed token does not grow with the length of the conversation. Undefined when the
 * session has no such message (any more), or `id` is undefined (say, the message before the first).
 *
 * Pass `chat` to read a session that is not provided through context.
 *
 * @example
 * const MessageRow = memo(function MessageRow({ id }: { id: string }) {
 *   const message = useChatMessage(id);
 *   return message ? <li>{render(message)}</li> : null;
 * });
 * // in the transcript: useChatMessageIds().map((id) => <MessageRow key={id} id={id} />)
 */
export function useChatMessage(id: string | undefined, chat?: ChatSession): ChatMessage | undefined {
  const session = useChatSessionOrProvided(chat, 'useChatMessage');
  const subscribe = useCallback(
    (listener: () => void) => (id === undefined ? noop : session.subscribeMessage(id, listener)),
    [session, id],
  );
  const getMessage = useCallback(
    () => (id === undefined ? undefined : session.getMessage(id)),
    [session, id],
  );
  return useSyncExternalStore(subscribe, getMessage, getMessage);
}

const noop = (): void => {};
