import { useCallback, useSyncExternalStore } from 'react';
import type { ChatSession } from '@chatstream/reader';
import { useChatSessionOrProvided } from './chat-session-context.ts';

/**
 * The ids of the session's messages in order, re-rendering only when a message is added, removed
 * or moved (not while one streams): the list for a transcript of {@link useChatMessage} rows.
 *
 * Pass `chat` to read a session that is not provided through context.
 *
 * @example
 * function Transcript() {
 *   const ids = useChatMessageIds();
 *   return <ol role="log">{ids.map((id) => <MessageRow key={id} id={id} />)}</ol>;
 * }
 */
export function useChatMessageIds(chat?: ChatSession): readonly string[] {
  const session = useChatSessionOrProvided(chat, 'useChatMessageIds');
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const getIds = useCallback(() => session.getMessageIds(), [session]);
  return useSyncExternalStore(subscribe, getIds, getIds);
}
