import type { ChatSession, ChatSessionSnapshot } from '@chatstream/reader';
import { useSyncExternalStore } from 'react';

/** The session's current snapshot (messages, status, error, stats), re-rendering on each published change. */
export function useSessionState(session: ChatSession): ChatSessionSnapshot {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.getSnapshot(),
  );
}
