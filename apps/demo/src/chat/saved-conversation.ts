import type { ChatMessage, ChatSession } from '@chatstream/reader';

/**
 * Where this tab keeps a conversation (the chat's, or a side-by-side column's): it survives a reload,
 * and each tab has its own.
 */
export const CHAT_KEY = 'chatstream-demo:conversation';

/** The conversation this tab saved under `key` before it was reloaded (none when there is none or it cannot be read). */
export function savedConversation(key: string = CHAT_KEY, storage: Storage = sessionStorage): ChatMessage[] {
  try {
    const saved: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(saved) ? (saved as ChatMessage[]) : [];
  } catch {
    return [];
  }
}

/**
 * Saves the session's messages each time they change, mid-answer too: the session takes back what a
 * reload interrupted as a stop leaves it. Returns the function that stops saving.
 */
export function keepConversation(
  session: ChatSession,
  key: string = CHAT_KEY,
  storage: Storage = sessionStorage,
): () => void {
  let saved = session.getSnapshot().messages;
  return session.subscribe(() => {
    const { messages } = session.getSnapshot();
    if (messages === saved) return;
    saved = messages;
    try {
      storage.setItem(key, JSON.stringify(messages));
    } catch {
      // Storage full or switched off: the conversation only lasts until the next reload.
    }
  });
}
