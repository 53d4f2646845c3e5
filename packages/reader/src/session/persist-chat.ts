import { checkFunction, checkNumber } from '../check-options.ts';
import { type AnyChatStreamError, type ChatStreamError, isChatStreamError, messageOf } from '../errors.ts';
import { reportError } from '../report-error.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSession } from './chat-session.ts';
import { createVersionStore, type ExportedVersions } from './message-versions.ts';
import { type PageSignals, thePage } from './page-signals.ts';
import { restoreMessages, reviveError } from './restore-messages.ts';

/** Where a conversation is kept: `sessionStorage`, `localStorage`, or anything with their two methods. */
export interface ChatStorage {
  /** The text saved under `key`, or null. */
  getItem(key: string): string | null;
  /** Saves `value` under `key`; throws when it cannot (full, blocked). */
  setItem(key: string, value: string): void;
}

/**
 * A storage that may answer later (`chrome.storage`, IndexedDB, your server): `getItem` and
 * `setItem` may return promises. {@link readChat} and {@link persistChat} take one; a `setItem`
 * that rejects is reported as a full storage is.
 */
export interface AsyncChatStorage {
  /** The text saved under `key`, or null; now or later. */
  getItem(key: string): string | null | PromiseLike<string | null>;
  /** Saves `value` under `key`; throws or rejects when it cannot. */
  setItem(key: string, value: string): void | PromiseLike<unknown>;
}

/** Options of {@link restoreChat}, which reads the storage at once. */
export interface ChatStorageOptions extends Omit<AsyncChatStorageOptions, 'storage'> {
  /** Where the conversation is kept (default `sessionStorage`: this tab's, kept over a reload). */
  storage?: ChatStorage | undefined;
}

/** Options of {@link readChat} and {@link persistChat}. */
export interface AsyncChatStorageOptions {
  /** Where the conversation is kept (default `sessionStorage`: this tab's, kept over a reload). */
  storage?: AsyncChatStorage | undefined;
  /**
   * Hears a conversation that could not be read or saved: a `ChatSessionError` with code `storage`
   * and the storage's own error (a `QuotaExceededError`, say) as `cause`. Default: reported as an
   * uncaught error, which shows in the console without stopping anything.
   */
  onError?: ((error: ChatSessionError) => void) | undefined;
}

/** Options of {@link persistChat}. */
export interface PersistChatOptions extends AsyncChatStorageOptions {
  /**
   * While an answer streams, the longest a change waits to be saved, in ms (default 1000). Saving
   * writes the whole conversation, so a long one saved on every painted frame would cost each frame
   * that much; between answers every change is saved at once.
   */
  intervalMs?: number | undefined;
  /** Where leaving or hiding the page is heard, to save what waits (default: the page's own). */
  page?: PageSignals | undefined;
}

/** The conversation's options a saved chat gives back, to spread into `createChatSession`. */
export interface RestoredChat {
  /** The saved messages. */
  initialMessages?: readonly ChatMessage[];
  /** Their earlier versions. */
  initialVersions?: ExportedVersions | undefined;
  /** The failure of the request for the last question, when it was saved unanswered. */
  initialError?: ChatStreamError | undefined;
}

/**
 * What is stored under the key: the messages, the earlier versions of edited and regenerated ones,
 * and the session's failure when no answer holds it (the request for the last question failed).
 */
interface SavedChat {
  messages: readonly ChatMessage[];
  versions?: ExportedVersions;
  error?: AnyChatStreamError | undefined;
}

/** The given storage, else `sessionStorage`, whose mere reading throws where storage is blocked. */
function storageOf(options: AsyncChatStorageOptions): AsyncChatStorage | undefined {
  return options.storage ?? globalThis.sessionStorage;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

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
    return storageOf(options)?.getItem(key);
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
      initialMessages: saved.messages as ChatMessage[],
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

/**
 * Saves the session's conversation under `key` whenever it changes, mid-answer too, so that it
 * outlives a reload: {@link restoreChat} gives it back, and an answer saved while it streamed from a
 * relay with `resume` reads on from where it was (`session.reconnect()`). The text of a streaming
 * answer is saved at most every `intervalMs`; a new message (a question, the start of an answer with
 * its stream id), the end of an answer, every change between answers, hiding or leaving the page and
 * the returned function (which stops saving) save at once; what the storage already holds (a
 * conversation opened as it was saved) is not written again. Once the page is left (`pagehide`) nothing
 * more is saved until it is shown again from the back/forward cache: a reload tears down the
 * answer's connection, and that failure must not replace the answer saved as it streamed.
 *
 * A save that fails (storage full, blocked) is reported once to `onError` and tried again at the next
 * change; the conversation goes on either way. Messages are saved as the session holds them: images
 * and documents attached as base64 count against the storage's quota (about 5 MB in browsers).
 *
 * @example
 * const chat = createChatSession({ api: '/api/chat', ...restoreChat('chat') });
 * const stopSaving = persistChat(chat, 'chat');
 */
export function persistChat(session: ChatSession, key: string, options: PersistChatOptions = {}): () => void {
  const { intervalMs = 1000, onError = reportError, page = thePage() } = options;
  checkNumber('intervalMs', intervalMs, 'non-negative');
  checkFunction('onError', onError);
  let savedMessages: readonly ChatMessage[] = [];
  let savedVersions: unknown;
  let savedError: AnyChatStreamError | undefined;
  let savedAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;
  // What the storage holds, as far as this knows: a conversation opened as it was saved is not
  // written again (50 opened, 50 writes of a whole conversation to a server for nothing).
  let stored: unknown;
  // One write at a time to a storage that writes later: a later write landing first would leave an
  // older conversation saved. The newest text waits for the one in flight.
  let writing = false;
  let waiting: string | undefined;
  // From a storage that answers later, nothing is written before it said what it holds: a
  // conversation opened as saved is not written again, and one that could not be restored is not
  // written over with an empty chat.
  let reading: PromiseLike<unknown> | undefined;
  const opened = session.getSnapshot().messages;
  try {
    const first = storageOf(options)?.getItem(key);
    if (isThenable(first)) reading = first;
    else stored = first;
  } catch {}
  const fail = (refusal: unknown): void => {
    // A full storage stays full while the answer streams: say so once, not every second.
    if (!failing) {
      onError(
        new ChatSessionError(
          'storage',
          `The chat could not be saved as "${key}": ${messageOf(refusal)}`,
          refusal,
        ),
      );
    }
    failing = true;
  };

  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (reading) return;
    const { messages, versions, error } = session.getSnapshot();
    savedMessages = messages;
    savedVersions = versions;
    savedError = error;
    savedAt = Date.now();
    try {
      const chat: SavedChat = {
        messages,
        versions: session.exportVersions(),
        // Only the failure no answer holds: a failed answer keeps its own error.
        error: messages.at(-1)?.role === 'user' ? error : undefined,
      };
      write(JSON.stringify(chat));
    } catch (refusal) {
      fail(refusal);
    }
  };
  const write = (text: string): void => {
    if (text === stored) return;
    if (writing) return void (waiting = text);
    // A storage that writes later (chrome.storage) refuses by rejecting.
    const written = storageOf(options)?.setItem(key, text);
    stored = text;
    if (!isThenable(written)) return void (failing = false);
    writing = true;
    written
      .then(
        () => (failing = false),
        (refusal: unknown) => {
          // Not written after all: the same text is written again at the next save.
          stored = undefined;
          // A newer text goes next: how that write goes is what counts.
          if (waiting === undefined) fail(refusal);
        },
      )
      .then(() => {
        writing = false;
        const next = waiting;
        waiting = undefined;
        try {
          if (next !== undefined) write(next);
        } catch (refusal) {
          fail(refusal);
        }
      });
  };
  const onChange = (): void => {
    if (leaving) return;
    const { messages, versions, status, error } = session.getSnapshot();
    if (messages === savedMessages && versions === savedVersions && error === savedError) return;
    // Only the growing answer waits: a question, or an answer's start with its stream id, is saved at once.
    const growing =
      (status === 'streaming' || status === 'submitted') && messages.length === savedMessages.length;
    const wait = growing ? savedAt + intervalMs - Date.now() : 0;
    if (wait <= 0) save();
    else timer ??= setTimeout(save, wait);
  };
  // Left: what the page tears down as it goes (its fetch fails as a network error) is no failure
  // to keep. Saving starts again if the page comes back from the back/forward cache.
  let leaving = false;
  const saveWaiting = (): void => {
    if (timer !== undefined) save();
  };
  const onLeave = (): void => {
    saveWaiting();
    leaving = true;
  };
  const onReturn = (): void => {
    leaving = false;
    onChange();
  };
  // A hidden page may be closed or discarded without another event: what waits is saved now.
  const onHidden = (): void => {
    if (page.document?.visibilityState === 'hidden') saveWaiting();
  };

  if (reading) {
    const read = (text: unknown): void => {
      reading = undefined;
      stored = text;
      // Nothing to save yet over what could not be restored (the chat shown is the one opened).
      if (typeof text !== 'string' || session.getSnapshot().messages !== opened) save();
    };
    reading.then(read, () => read(undefined));
  } else save();
  const unsubscribe = session.subscribe(onChange);
  page.window?.addEventListener('pagehide', onLeave);
  page.window?.addEventListener('pageshow', onReturn);
  page.document?.addEventListener('visibilitychange', onHidden);
  return () => {
    unsubscribe();
    page.window?.removeEventListener('pagehide', onLeave);
    page.window?.removeEventListener('pageshow', onReturn);
    page.document?.removeEventListener('visibilitychange', onHidden);
    saveWaiting();
  };
}
