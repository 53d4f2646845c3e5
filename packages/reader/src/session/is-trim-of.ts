import type { ChatMessage } from './chat-message.ts';

/**
 * Whether `next` is `previous` trimmed: its messages, some left out or changed, in the same order.
 * Conversations that share a first id (a fixed greeting, ids from an index) are not taken for one.
 */
export function isTrimOf(next: readonly ChatMessage[], previous: readonly ChatMessage[]): boolean {
  let at = 0;
  for (const message of next) {
    while (at < previous.length && previous[at]!.id !== message.id) at++;
    if (at++ === previous.length) return false;
  }
  return next.length > 0;
}
