import { useCallback, useSyncExternalStore } from 'react';
import type { ChatSession, ChatSessionSnapshot } from '@chatstream/reader';

/** Reads `chat`'s state and re-renders when it changes (on the server too). */
export function useChatSnapshot(chat: ChatSession): ChatSessionSnapshot {
  const subscribe = useCallback((listener: () => void) => chat.subscribe(listener), [chat]);
  const getSnapshot = useCallback(() => chat.getSnapshot(), [chat]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
