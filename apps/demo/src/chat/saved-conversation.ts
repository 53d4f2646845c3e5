import type { ChatMessage, ChatSession, ExportedVersions } from '@chatstream/reader';

/**
 * Where this tab keeps a conversation (the chat's, or a side-by-side column's): it survives a reload,
 * and each tab has its own.
 */
export const CHAT_KEY = 'chatstream-demo:conversation';

/** A conversation as the tab saves it: its messages, and the earlier versions of edited and regenerated ones. */
export interface SavedConversation {
  messages: ChatMessage[];
  versions?: ExportedVersions | undefined;
}

/**
 * The conversation this tab saved under `key` before it was reloaded (empty when there is none or it
 * cannot be read; a bare array of messages is what earlier versions of the demo saved).
 */
export function savedConversation(
  key: string = CHAT_KEY,
  storage: Storage = sessionStorage,
): SavedConversation {
  try {
    const saved: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (Array.isArray(saved)) return { messages: saved as ChatMessage[] };
    const { messages, versions } = (saved ?? {}) as Partial<SavedConversation>;
    return Array.isArray(messages) ? { messages, versions } : { messages: [] };
  } catch {
    return { messages: [] };
  }
}

/**
 * Saves the session's messages and versions each time they change, mid-answer too: after a reload
 * the session reads on an interrupted answer (`reconnect()`, when the relay kept its stream), or
 * takes it back as a stop leaves it. Returns the function that stops saving.
 */
export function keepConversation(
  session: ChatSession,
  key: string = CHAT_KEY,
  storage: Storage = sessionStorage,
): () => void {
  let { messages: savedMessages, versions: savedVersions } = session.getSnapshot();
  return session.subscribe(() => {
    const { messages, versions } = session.getSnapshot();
    if (messages === savedMessages && versions === savedVersions) return;
    savedMessages = messages;
    savedVersions = versions;
    try {
      const saved: SavedConversation = { messages: [...messages], versions: session.exportVersions() };
      storage.setItem(key, JSON.stringify(saved));
    } catch {
      // Storage full or switched off: the conversation only lasts until the next reload.
    }
  });
}
