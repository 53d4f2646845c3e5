import { checkFunction } from '../check-options.ts';
import { type ChatStreamError, isChatStreamError, messageOf } from '../errors.ts';
import { reportError } from '../report-error.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import { saveWaitingOf } from './pending-saves.ts';
import {
  type AsyncChatStorageOptions,
  type ChatStorageOptions,
  type SavedChat,
  storageOf,
} from './chat-storage.ts';
import { isThenable } from './is-thenable.ts';
import { createVersionStore, type ExportedVersions } from './message-versions.ts';
import { restoreMessages, reviveError, withMessageContent } from './restore-messages.ts';

/** The conversation's options a saved chat gives back, to spread into `createChatSession`. */
export interface RestoredChat {
  /** The saved messages. */
  initialMessages?: readonly ChatMessage[];
  /** Their earlier versions. */
  initialVersions?: ExportedVersions | undefined;
  /** The failure no answer holds (an unanswered question, a stop at `maxSteps`), when saved with it. */
  initialError?: ChatStreamError | undefined;
}

/**
 * The conversation {@link persistChat} saved under `key`, as `initialMessages`, `initialVersions`
 * and `initialError` for `createChatSession` (or `useStreamingChat`). Nothing saved gives `{}`. Neither does anything
 * that is not a saved conversation (another version of your app's, a hand edit, a storage that is
 * blocked): it is reported to `onError` and the chat starts empty, instead of the page failing to
 * start on every reload; its text is copied to `<key>:unreadable` first, as the next save writes over it. An answer saved mid-stream reads on with `session.reconnect()`.
 * It reads the storage at once: for one that answers later, use {@link readChat}.
 *
 * @example
 * const chat = createChatSession({ api: '/api/chat', ...restoreChat('chat') });
 * persistChat(chat, 'chat');
 * void chat.reconnect();
 */
export function restoreChat(key: string, options: ChatStorageOptions = {}): RestoredChat {
  const text = readStored(key, options);
  if (text === UNREAD) return {};
  if (!isThenable(text)) return savedChat(key, text, options);
  text.then(undefined, () => undefined);
  // Taken for text, it read as no conversation, and the first save wrote over the one kept.
  return unrestorable(
    key,
    options,
    new TypeError(
      'getItem returned a Promise: use readChat for a storage that answers later (chrome.storage, IndexedDB)',
    ),
  );
}

/**
 * {@link restoreChat} for any storage: what it gives back, at once from a storage that answers at
 * once, as a promise from one that answers later (`chrome.storage`, IndexedDB, your server).
 * Restore before saving starts: {@link persistChat} writes over what it finds.
 *
 * @example
 * const chat = createChatSession({ api: '/api/chat', ...(await readChat('chat', { storage })) });
 * persistChat(chat, 'chat', { storage });
 */
export function readChat(
  key: string,
  options: AsyncChatStorageOptions = {},
): RestoredChat | Promise<RestoredChat> {
  const text = readStored(key, options);
  if (text === UNREAD) return {};
  return isThenable(text)
    ? Promise.resolve(text).then(
        (later) => savedChat(key, later, options),
        (error: unknown) => unrestorable(key, options, error),
      )
    : savedChat(key, text, options);
}

/** What {@link readStored} gives for a storage that could not be read (reported already). */
const UNREAD = Symbol('unread');

/** What the storage holds under `key` (maybe a promise), or {@link UNREAD} when reading threw. */
function readStored(key: string, options: AsyncChatStorageOptions): unknown {
  checkFunction('onError', options.onError ?? reportError);
  try {
    const storage = storageOf(options);
    saveWaitingOf(storage, key);
    return storage?.getItem(key);
  } catch (error) {
    unrestorable(key, options, error);
    return UNREAD;
  }
}

/** The conversation in `text`, read from the storage; `{}` (and `onError`) for what is not one. */
function savedChat(key: string, text: unknown, options: AsyncChatStorageOptions): RestoredChat {
  if (text === null || text === undefined) return {};
  try {
    if (typeof text !== 'string') throw new TypeError(`getItem gave a ${typeof text}, not text`);
    const saved = JSON.parse(text) as Partial<SavedChat> | null;
    if (!Array.isArray(saved?.messages)) throw new TypeError('It holds no messages');
    // The checks the session makes, made here, where a failure can still start an empty chat.
    restoreMessages(saved.messages);
    // A failure that cannot be read back is left out, not the conversation with it.
    const failure = reviveError(saved.error);
    if (saved.versions !== undefined) createVersionStore().restore(saved.versions);
    return {
      initialMessages: (saved.messages as ChatMessage[]).map(withMessageContent),
      initialVersions: saved.versions,
      initialError: isChatStreamError(failure) ? failure : undefined,
    };
  } catch (error) {
    return unrestorable(key, options, error, text);
  }
}

/** Reports what could not be restored, keeping a copy of its `text` when there is one. */
function unrestorable(
  key: string,
  options: AsyncChatStorageOptions,
  error: unknown,
  text?: unknown,
): RestoredChat {
  const { onError = reportError } = options;
  // The next save writes over it: a copy keeps what could not be read, for the app to look into.
  const copy = `${key}:unreadable`;
  const kept = typeof text === 'string' && keepCopy(options, copy, text);
  onError(
    new ChatSessionError(
      'storage',
      `The chat saved as "${key}" could not be restored${kept ? ` (its text is kept as "${copy}")` : ''}: ${messageOf(error)}`,
      error,
    ),
  );
  return {};
}

/** Saves `text` under `key`; false when the storage refuses at once (full, blocked). */
function keepCopy(options: AsyncChatStorageOptions, key: string, text: string): boolean {
  try {
    const written = storageOf(options)?.setItem(key, text);
    if (isThenable(written)) written.then(undefined, () => undefined);
    return true;
  } catch {
    return false;
  }
}
