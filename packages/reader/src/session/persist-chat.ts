import { checkFunction, checkNumber } from '../check-options.ts';
import { type AnyChatStreamError, messageOf } from '../errors.ts';
import { callBack, reportError } from '../report-error.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSession } from './chat-session.ts';
import {
  type AsyncChatStorage,
  type AsyncChatStorageOptions,
  type SavedChat,
  storageOf,
} from './chat-storage.ts';
import { isThenable } from './is-thenable.ts';
import { type PageSignals, thePage } from './page-signals.ts';
import { registerSaver } from './pending-saves.ts';

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
  /**
   * The messages the session was opened with, when saving starts later than that (a storage that
   * answers later, read first to restore the session): one changed since (a question asked while the
   * storage was read) is saved over what the storage holds. Default: its messages now.
   */
  openedWith?: readonly ChatMessage[] | undefined;
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
 * change; the conversation goes on either way. Messages are saved as the session holds them (an
 * answer's API `message` without its blocks, which are the answer's own, not written twice): images
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
  const opened = options.openedWith ?? session.getSnapshot().messages;
  // What else a change may be: another version of an answer shown, a failure no answer holds.
  const { versions: openedVersions, error: openedError } = session.getSnapshot();
  try {
    const first = storageOf(options)?.getItem(key);
    if (isThenable(first)) reading = first;
    else stored = first;
  } catch {}
  const fail = (refusal: unknown): void => {
    // A full storage stays full while the answer streams: say so once, not every second.
    if (failing) return;
    failing = true;
    // An onError that throws must not stop the saving (a write left in flight for ever).
    callBack(
      onError,
      new ChatSessionError(
        'storage',
        `The chat could not be saved as "${key}": ${messageOf(refusal)}`,
        refusal,
      ),
    );
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
        messages: messages.map(withoutSecondContent),
        versions: session.exportVersions(),
        // Only the failure no answer holds (an unanswered question, a stop at maxSteps): a failed
        // answer keeps its own error.
        error: error && messages.at(-1)?.error !== error ? error : undefined,
      };
      write(JSON.stringify(chat));
    } catch (refusal) {
      fail(refusal);
    }
  };
  const write = (text: string): void => {
    if (text === stored) {
      // Back to what is being written: an older text waiting would land after it.
      if (writing) waiting = undefined;
      return;
    }
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
    const read = (text: unknown, failed = false): void => {
      reading = undefined;
      stored = text;
      // Nothing to save yet over what the storage holds, or may hold (a read that failed), while
      // the chat shown is the one opened: from it, from nothing if it could not be restored, a
      // greeting, or one asked something and then cleared back to that.
      const { messages, versions, error } = session.getSnapshot();
      const changed =
        versions !== openedVersions ||
        error !== openedError ||
        messages.length !== opened.length ||
        messages.some((message, index) => !sameMessage(message, opened[index]!));
      if (changed || (!failed && typeof text !== 'string')) save();
    };
    reading.then(
      (text) => read(text),
      () => read(undefined, true),
    );
  } else save();
  const unsubscribe = session.subscribe(onChange);
  let storage: AsyncChatStorage | undefined;
  try {
    storage = storageOf(options);
  } catch {}
  const unregister = registerSaver(storage, key, saveWaiting);
  page.window?.addEventListener('pagehide', onLeave);
  page.window?.addEventListener('pageshow', onReturn);
  page.document?.addEventListener('visibilitychange', onHidden);
  return () => {
    unsubscribe();
    page.window?.removeEventListener('pagehide', onLeave);
    page.window?.removeEventListener('pageshow', onReturn);
    page.document?.removeEventListener('visibilitychange', onHidden);
    unregister();
    saveWaiting();
  };
}

/**
 * `message` as saved: an answer's API message without its `content`, the same blocks as the
 * message's own (which `restoreMessages` puts back), not written twice: a long conversation is half
 * the size (1,000 messages of code and tables, 8.5 MB, passed the quota of `sessionStorage`).
 */
function withoutSecondContent(message: ChatMessage): ChatMessage {
  const api = message.message;
  return api?.content === message.content
    ? { ...message, message: { ...api, content: undefined as unknown as typeof api.content } }
    : message;
}

/** Whether two messages say the same: the same object, or the same id and the same JSON. */
function sameMessage(message: ChatMessage, other: ChatMessage): boolean {
  return message === other || (message.id === other.id && JSON.stringify(message) === JSON.stringify(other));
}
