import { useInsertionEffect, useState, useSyncExternalStore } from 'react';
import {
  type MessageStreamState,
  MessageStreamStore,
  type MessageStreamStoreOptions,
} from '@chatstream/reader';
import { useStopOnUnmount } from './stop-on-unmount.ts';

/** Options of {@link useMessageStream}: `streamMessage` options (fetch, protocol, retry, timeouts), `throttle` and callbacks. */
export type UseMessageStreamOptions = MessageStreamStoreOptions;

/** What {@link useMessageStream} returns. */
export interface UseMessageStreamResult extends MessageStreamState {
  /** Streams a request (`{ url, body, headers }`), aborting any stream in progress. Resolves when it ended. */
  readonly start: MessageStreamStore['start'];
  /** Aborts the stream, keeping the partial message; resolves once the connection was released. */
  readonly stop: MessageStreamStore['stop'];
}

/**
 * One streamed completion (no conversation): `text`, `message`, `status` (`idle | submitted |
 * streaming | complete | error | aborted`), typed `error`, `stats`, and stable `start` / `stop`.
 * Unmounting aborts the request; StrictMode's simulated unmount does not.
 *
 * @example
 * const { text, status, start, stop } = useMessageStream();
 * <button onClick={() => start({ url: '/api/chat', body: { messages: [{ role: 'user', content: prompt }] } })}>
 *   Ask
 * </button>
 */
export function useMessageStream(options: UseMessageStreamOptions = {}): UseMessageStreamResult {
  const [store] = useState(() => new MessageStreamStore(options));
  // Before any effect of the tree that commits, a child's that starts a stream included (see useChatSessionInstance).
  useInsertionEffect(() => {
    store.setOptions(options);
  });
  useStopOnUnmount(store);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return { ...state, start: store.start, stop: store.stop };
}
