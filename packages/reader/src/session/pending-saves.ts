import type { AsyncChatStorage } from './chat-storage.ts';

/** The savers of conversations being saved, by storage and key. */
const savers = new WeakMap<AsyncChatStorage, Map<string, Set<() => void>>>();

/**
 * Registers `saveWaiting`, which saves at once what `persistChat` holds back (the text of a
 * streaming answer waits up to `intervalMs`), as the saver of `key` in `storage`; returns its
 * removal. A chat opened from that key while another still saves it (a component remounted
 * mid-answer: the new one reads while it renders, before the old one's cleanup) reads the newest.
 */
export function registerSaver(
  storage: AsyncChatStorage | undefined,
  key: string,
  saveWaiting: () => void,
): () => void {
  if (!storage) return () => undefined;
  let byKey = savers.get(storage);
  if (!byKey) savers.set(storage, (byKey = new Map()));
  const forKey = byKey.get(key) ?? new Set();
  byKey.set(key, forKey.add(saveWaiting));
  return () => {
    forKey.delete(saveWaiting);
    // Called twice, or after another saver of this key came: only its own set goes, once empty.
    if (forKey.size === 0 && byKey.get(key) === forKey) byKey.delete(key);
  };
}

/** Saves at once what the savers of `key` in `storage` hold back, before it is read. */
export function saveWaitingOf(storage: AsyncChatStorage | undefined, key: string): void {
  for (const saveWaiting of (storage && savers.get(storage)?.get(key)) ?? []) saveWaiting();
}
