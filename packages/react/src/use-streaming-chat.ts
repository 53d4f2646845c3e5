import { useMemo } from 'react';
import { type ChatActions, bindChatActions } from './chat-actions.ts';
import type { ChatSession, ChatSessionSnapshot } from '@chatstream/reader';
import { type ChatSessionInstanceOptions, useChatSessionInstance } from './use-chat-session-instance.ts';
import { useChatSnapshot } from './use-chat-snapshot.ts';

/** Options of {@link useStreamingChat}: the session's options, or an existing `chat`. */
export type UseStreamingChatOptions = ChatSessionInstanceOptions;

/** What {@link useStreamingChat} returns: the session's state, its commands, and the session itself. */
export interface UseStreamingChatResult extends ChatSessionSnapshot, ChatActions {
  /** The session, e.g. for a `ChatSessionProvider` so message rows can subscribe to their own message. */
  readonly chat: ChatSession;
  /**
   * True while the conversation saved under `persist` is still to be read: on the server and while
   * the page hydrates, which cannot read the browser's storage. An empty `messages` then does not
   * mean an empty conversation: show no welcome, or it flashes before the saved messages.
   */
  readonly restoring: boolean;
}

/**
 * A streaming conversation in a component: `messages`, `status` (`ready | submitted | streaming |
 * error`), `error`, `versions`, and stable commands (`send`, `stop`, `regenerate`, `edit`,
 * `showVersion`, `retry`, `addToolResult`, `approveToolCall`, `setMessages`, `clear`).
 *
 * The session is created once per component instance; options may change between renders and the
 * next request uses them (no stale callbacks, no re-created session). Unmounting aborts the active
 * request; StrictMode's simulated unmount does not. Pass `chat` to bind to an existing session.
 *
 * @example
 * const { messages, status, send, stop } = useStreamingChat({ api: '/api/chat', body: { model } });
 * // While a request is on its way (`submitted` too), send() is refused `busy`: offer Stop.
 * <button onClick={() => (status === 'ready' || status === 'error' ? send(draft) : stop())}>…</button>
 */
export function useStreamingChat(options: UseStreamingChatOptions = {}): UseStreamingChatResult {
  const { session: chat, restoring } = useChatSessionInstance(options);
  const snapshot = useChatSnapshot(chat);
  const actions = useMemo(() => bindChatActions(chat), [chat]);
  return { ...snapshot, ...actions, chat, restoring };
}
