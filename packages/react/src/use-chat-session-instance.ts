import { useContext, useEffect, useInsertionEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  type ChatMessage,
  type ChatSession,
  type ChatSessionError,
  type AsyncChatStorage,
  type ChatSessionOptions,
  createChatSession,
  type PageSignals,
  persistChat,
  readChat,
  reconnectOnReturn,
  type RestoredChat,
} from '@chatstream/reader';
import { reportError } from './report-error.ts';
import { RestoringSessionContext } from './restoring-session-context.ts';
import { useStopOnUnmount } from './stop-on-unmount.ts';

/** Options of a hook or provider that owns a session unless it is given one. */
export interface ChatSessionInstanceOptions extends ChatSessionOptions {
  /** An existing session to use instead of creating one; the caller keeps owning it. */
  chat?: ChatSession | undefined;
  /**
   * Keeps the conversation over a reload under this key, in `sessionStorage`: saved while the
   * component lives (the reader's `persistChat`), and the session the hook creates starts from it
   * (`restoreChat`, in place of `initialMessages`). It is read in the first render, or, when the
   * page hydrates server-rendered HTML, right after it (the server had no storage to read, and the
   * hydrating render must match its HTML). Changing it to another key switches to the conversation
   * saved under that key, in a session of its own (the one shown until then is stopped, and stays
   * saved under its key). A session given as `chat` is saved too; restore it where you create it.
   */
  persist?: string | undefined;
  /**
   * Where `persist` keeps the conversation (default `sessionStorage`): `localStorage` to keep it
   * after the tab closes, or a storage of your own (`getItem`, `setItem`). Read when a conversation
   * is restored or saving starts: give the same object every render.
   */
  persistStorage?: AsyncChatStorage | undefined;
  /**
   * Where the hook hears the app being left and coming back, to save what waits and to read on an
   * answer that lost its connection (default: the browser's `window` and `document`). In React
   * Native, give one that fires `visibilitychange` from `AppState` and `online` from NetInfo (see
   * the README). Give the same object every render.
   */
  page?: PageSignals | undefined;
}

/**
 * The session behind `useStreamingChat` and `ChatSessionProvider`: the given `chat`, or one created
 * on first render and kept for the component's lifetime. Options reach it through `setOptions`
 * after every commit, so callbacks are never stale and the session is never re-created (an owned
 * session drops an option a render leaves out; a shared one keeps what its owner gave it); an owned
 * session's request is aborted on unmount. An owned session restored mid-answer (`initialMessages`
 * saved while an answer streamed from a relay with `resume`) reconnects to it on mount, and an
 * owned session's answer that lost its connection reads on when the browser is back online or the
 * page is shown again (`reconnectOnReturn`). With `persist`, the conversation is saved under that
 * key, and an owned session starts from what was saved.
 */
export function useChatSessionInstance(options: ChatSessionInstanceOptions): ChatSessionInstance {
  const { chat, persist, persistStorage, page, ...sessionOptions } = options;
  // The latest `onError` hears a conversation that could not be read or saved (storage full), as it
  // hears a failed request: left to the reader's default, that only reached the console.
  const onError = useRef(sessionOptions.onError);
  const storage = {
    storage: persistStorage,
    page,
    // Never during a render (a restore runs in one): after it, and what it throws is reported.
    onError: (error: ChatSessionError) =>
      queueMicrotask(() => {
        try {
          (onError.current ?? reportError)(error);
        } catch (thrown) {
          reportError(thrown);
        }
      }),
  };
  const storageReadable = useSyncExternalStore(subscribeNothing, readable, unreadable);
  /** A session of its own for conversation `key`, restored from it when storage can be read now. */
  const own = (key: string | undefined): OwnedSession => {
    // Server HTML was rendered without the browser's storage: hydrating it must render the same, so
    // the saved conversation is read after mount instead.
    const read = key !== undefined && storageReadable ? readChat(key, storage) : {};
    // A storage that answers later (chrome.storage, IndexedDB): restored once it has.
    const later = isPromise(read) ? read : undefined;
    return {
      session: createChatSession({ ...sessionOptions, ...(later ? {} : (read as RestoredChat)) }),
      unrestored: key !== undefined && (!storageReadable || later !== undefined),
      key,
      later,
    };
  };
  // Lazy: one session per mount (StrictMode's double render may build a spare, which sends nothing).
  const [state, setOwned] = useState<OwnedSession | undefined>(() => (chat ? undefined : own(persist)));
  let owned = state;
  if (!chat) {
    // Another key is another conversation (say, `chat-${id}` as the user opens another chat): its own
    // session, restored from that key, rather than this one saved over it. Turning `persist` on or off
    // keeps the conversation shown.
    if (!owned || (owned.key !== undefined && persist !== undefined && owned.key !== persist))
      owned = own(persist);
    else if (owned.key !== persist) {
      // Turned off while its conversation was still being read: nothing more comes into the one
      // shown, and a read for that key must not land under the next one.
      owned =
        persist === undefined
          ? { session: owned.session, unrestored: false, key: persist }
          : { ...owned, key: persist };
    }
    // State adjusted while rendering, never mutated: a render React throws away (a transition that
    // did not commit) takes its update with it, and the session it shows stays the live one.
    if (owned !== state) setOwned(owned);
  }
  const session = chat ?? owned!.session;
  const unrestored = !chat && owned!.unrestored;
  // A shared session is restored by its owner: a provider above may still be doing it.
  const restoringAbove = useContext(RestoringSessionContext);
  // The options the last commit gave, so that one a render leaves out stops applying.
  const given = useRef<readonly string[]>(Object.keys(sessionOptions));
  // Before any effect of the tree that commits (children's run first): a child's effect that sends
  // as an option changes (a token arrived) sends with it. Safe here: setOptions notifies no one.
  useInsertionEffect(() => {
    onError.current = sessionOptions.onError;
    // A shared session only takes what is given here: its owner set the rest.
    const left = chat ? [] : given.current.filter((key) => !(key in sessionOptions));
    given.current = Object.keys(sessionOptions);
    session.setOptions({ ...Object.fromEntries(left.map((key) => [key, undefined])), ...sessionOptions });
  });
  const later = chat ? undefined : owned!.later;
  useEffect(() => {
    if (!unrestored || persist === undefined) return;
    // A new session rather than `setMessages` on this one: saved versions are only taken by a session
    // being created. Later option changes reach it through `setOptions`, as for any session.
    const shown = session.getSnapshot().messages;
    const restore = (restored: RestoredChat): void =>
      setOwned((current) =>
        current?.session !== session
          ? current
          : {
              // Asked something while a storage that answers later was read: that conversation
              // goes on, and is saved over the one read (it was opened with `shown`).
              ...(restored.initialMessages && session.getSnapshot().messages === shown
                ? { session: createChatSession({ ...sessionOptions, ...restored }) }
                : { session, opened: shown }),
              unrestored: false,
              key: persist,
            },
      );
    const read = later ?? readChat(persist, storage);
    if (!isPromise(read)) return restore(read);
    let live = true;
    void read.then((restored) => live && restore(restored));
    return () => void (live = false);
    // Once: `unrestored` is false from then on.
  }, [unrestored, persist, session, later]);
  // A conversation restored mid-answer reads on from the relay. Once: the session ignores the
  // second call of StrictMode's re-run effect while the first one streams.
  useEffect(() => {
    if (chat) return;
    void session.reconnect();
    return reconnectOnReturn(session, page);
  }, [chat, session, page]);
  const openedWith = chat ? undefined : owned!.opened;
  useEffect(
    () =>
      persist === undefined || unrestored
        ? undefined
        : persistChat(session, persist, { ...storage, openedWith }),
    [session, persist, unrestored, persistStorage, page, openedWith],
  );
  useStopOnUnmount(chat ? undefined : session);
  return { session, restoring: unrestored || (chat !== undefined && chat === restoringAbove) };
}

/** The session a hook binds to, and whether its saved conversation is still to be read. */
export interface ChatSessionInstance {
  readonly session: ChatSession;
  /**
   * True on the server and while hydrating with `persist` (its own, or that of the provider that
   * owns the given `chat`): the conversation shown may not be it.
   */
  readonly restoring: boolean;
}

/** The session a hook owns, whether it still waits for its saved conversation (hydration), and its key. */
interface OwnedSession {
  readonly session: ChatSession;
  readonly unrestored: boolean;
  readonly key: string | undefined;
  /** The saved conversation, from a storage that answers later. */
  readonly later?: Promise<RestoredChat> | undefined;
  /** What the session showed when that was read, if it was asked something meanwhile and kept. */
  readonly opened?: readonly ChatMessage[] | undefined;
}

const isPromise = (value: unknown): value is Promise<RestoredChat> => value instanceof Promise;

const subscribeNothing = (): (() => void) => () => undefined;
const readable = (): boolean => true;
// Also what hydration sees: the server could not read the browser's storage.
const unreadable = (): boolean => false;
