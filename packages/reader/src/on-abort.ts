import { callBack } from './report-error.ts';

/**
 * The listeners waiting on each signal, behind one `abort` listener of the signal's own: a signal
 * shared by many streams at once (a batch of 200 requests) would otherwise have Node warn of a
 * listener leak past ten.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `listener` once `signal` aborts: at once when it already has, else on its `abort` event.
 * Returns a function that removes the listener, so that a long-lived signal shared by many streams
 * does not keep every finished one alive. No signal: nothing happens.
 */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (signal?.aborted) listener();
  if (!signal || signal.aborted) return () => undefined;
  const listeners = listenersOf(signal);
  // Its own function: the same listener given twice is removed once per call.
  const once = (): void => listener();
  listeners.add(once);
  return () => listeners.delete(once);
}

// Apart from onAbort: a closure made there would hold the first listener for the signal's life.
function listenersOf(signal: AbortSignal): Set<() => void> {
  let listeners = waiting.get(signal);
  if (!listeners) {
    const each = (listeners = new Set());
    waiting.set(signal, each);
    signal.addEventListener('abort', () => each.forEach((call) => callBack(call)), { once: true });
  }
  return listeners;
}
