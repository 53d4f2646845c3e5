import { later } from '../later.ts';
import { onAbort } from '../on-abort.ts';

/** Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Already aborted: the throw rejects the promise at once.
    signal?.throwIfAborted();
    const timer = later(() => {
      detach();
      resolve();
    }, ms);
    const detach = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
  });
}
