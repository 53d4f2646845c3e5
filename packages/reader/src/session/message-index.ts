import { callBack } from '../report-error.ts';
import type { ChatMessage } from './chat-message.ts';

/** The published messages by id, with listeners per id and a stable list of ids. */
export interface MessageIndex {
  /** Records that `next` is `previous` with `message` replaced (or appended). */
  replaced(previous: readonly ChatMessage[], next: readonly ChatMessage[], message: ChatMessage): void;
  /** The published message with this id. */
  get(id: string, published: readonly ChatMessage[]): ChatMessage | undefined;
  /** The published ids in order: the same array until a message is added, removed or moved. */
  ids(published: readonly ChatMessage[]): readonly string[];
  /** Calls `listener` when the message with this id is published changed, added or removed. */
  subscribe(id: string, listener: () => void, published: readonly ChatMessage[]): () => void;
  /** Takes `messages` as the published state and tells the listeners of every message that changed. */
  publish(messages: readonly ChatMessage[]): void;
}

/**
 * A {@link MessageIndex}, so a binding can follow one message without looking at the others. Built
 * on first use (sessions nobody reads by id pay nothing). While only known messages are replaced or
 * appended, a publish touches just those, so the cost of a streamed token does not grow with the
 * conversation; any other change rebuilds it.
 */
export function createMessageIndex(initial: readonly ChatMessage[]): MessageIndex {
  const listeners = new Map<string, Set<() => void>>();
  let byId: Map<string, ChatMessage> | undefined;
  let ids: readonly string[] = [];
  // The array `pending` applies to: the last published one, advanced by each `replaced`.
  let tip: readonly ChatMessage[] = initial;
  let pending = new Map<string, ChatMessage>();

  const build = (messages: readonly ChatMessage[]): Map<string, ChatMessage> => {
    if (byId) return byId;
    const next = messages.map((message) => message.id);
    if (next.length !== ids.length || next.some((id, index) => id !== ids[index])) ids = next;
    return (byId = new Map(messages.map((message) => [message.id, message])));
  };

  return {
    replaced(previous, next, message) {
      if (previous !== tip) return;
      tip = next;
      pending.set(message.id, message);
    },
    get: (id, published) => build(published).get(id),
    ids: (published) => (build(published), ids),
    subscribe(id, listener, published) {
      build(published);
      const set = listeners.get(id) ?? new Set();
      listeners.set(id, set.add(listener));
      return () => {
        set.delete(listener);
        if (!set.size && listeners.get(id) === set) listeners.delete(id);
      };
    },
    publish(messages) {
      const before = byId;
      const changes = messages === tip ? pending : undefined;
      tip = messages;
      pending = new Map();
      if (!before) return;
      const changed: string[] = [];
      if (changes) {
        for (const [id, message] of changes) {
          if (!before.has(id)) byId = undefined;
          if (before.get(id) !== message) changed.push(id);
          before.set(id, message);
        }
        // A new message: rebuild the id list (and the map, cheaply, from the same messages).
        if (!byId) build(messages);
      } else {
        byId = undefined;
        const after = build(messages);
        for (const id of listeners.keys()) if (before.get(id) !== after.get(id)) changed.push(id);
      }
      for (const id of changed) for (const listener of listeners.get(id) ?? []) callBack(listener);
    },
  };
}
