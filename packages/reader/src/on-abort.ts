/**
 * Calls `listener` once `signal` aborts: at once when it already has, else on its `abort` event.
 * Returns a function that removes the listener, so that a long-lived signal shared by many streams
 * does not keep every finished one alive. No signal: nothing happens.
 */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (signal?.aborted) listener();
  else signal?.addEventListener('abort', listener, { once: true });
  return () => signal?.removeEventListener('abort', listener);
}
