import type { ChatSessionSnapshot } from '../session/chat-session-options.ts';
import type { ChatSession } from '../session/chat-session.ts';

/** Resolves once the session's published snapshot satisfies `predicate`. */
export function until(
  target: ChatSession,
  predicate: (snapshot: ChatSessionSnapshot) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(target.getSnapshot())) return resolve();
    const unsubscribe = target.subscribe(() => {
      if (!predicate(target.getSnapshot())) return;
      unsubscribe();
      resolve();
    });
  });
}
