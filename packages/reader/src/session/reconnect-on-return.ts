import type { ChatSession } from './chat-session.ts';
import { type PageSignals, thePage } from './page-signals.ts';

/**
 * Reads on an interrupted answer as soon as the page can: calls `session.reconnect()` when the
 * browser comes back online and when the page is shown again (a phone that backgrounded the tab, a
 * laptop that slept). An answer that lost its connection for longer than the automatic resume tries
 * then completes by itself, from a relay with `resume`, without a click and without asking Claude
 * again. Anything else is left alone: `reconnect()` does nothing without such an answer or while a
 * request is active (an answer streaming from such a relay reads on by itself when the browser comes
 * back online and its connection has gone quiet).
 *
 * `useStreamingChat` does this for the sessions it creates; call it for a session of your own.
 * Returns the function that stops listening. Outside a browser it listens to nothing.
 *
 * @example
 * const session = createChatSession({ api: '/api/chat', initialMessages: saved });
 * void session.reconnect();
 * const stopListening = reconnectOnReturn(session);
 */
export function reconnectOnReturn(
  session: Pick<ChatSession, 'reconnect'>,
  page: PageSignals = thePage(),
): () => void {
  const { window, document } = page;
  // Failures surface on the session (status, error, onError), as for every request.
  const reconnect = (): void => void session.reconnect();
  const onVisible = (): void => {
    if (document?.visibilityState === 'visible') reconnect();
  };
  window?.addEventListener('online', reconnect);
  document?.addEventListener('visibilitychange', onVisible);
  return () => {
    window?.removeEventListener('online', reconnect);
    document?.removeEventListener('visibilitychange', onVisible);
  };
}
