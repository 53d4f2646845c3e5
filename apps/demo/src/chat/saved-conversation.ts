import type { ChatMessage, ChatSession } from '@chatstream/reader';

/** Where this tab keeps its conversation: it survives a reload, and each tab has its own. */
const KEY = 'chatstream-demo:conversation';

/** The conversation this tab saved before it was reloaded (none when there is none or it cannot be read). */
export function savedConversation(storage: Storage = sessionStorage): ChatMessage[] {
  try {
    const saved: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(saved) ? (saved as ChatMessage[]) : [];
  } catch {
    return [];
  }
}

/**
 * Saves the session's messages each time they change, mid-answer too: the session takes back what a
 * reload interrupted as a stop leaves it. Returns the function that stops saving.
 */
export function keepConversation(session: ChatSession, storage: Storage = sessionStorage): () => void {
  let saved = session.getSnapshot().messages;
  return session.subscribe(() => {
    const { messages } = session.getSnapshot();
    if (messages === saved) return;
    saved = messages;
    try {
      storage.setItem(KEY, JSON.stringify(messages));
    } catch {
      // Storage full or switched off: the conversation only lasts until the next reload.
    }
  });
}
