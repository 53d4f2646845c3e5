import { onAbort } from '../on-abort.ts';

/**
 * Settles as `pending` does, or rejects with `signal.reason` as soon as `signal` aborts: a fetch the
 * user supplied may not listen to its signal (one that first awaits a token refresh), and a stop or
 * a headers timeout must not wait for it. A response that comes after the abort is cancelled, so
 * its connection is released.
 */
export function untilAborted(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      reject(signal.reason);
      pending.then((late) => late.body?.cancel()).catch(() => undefined);
    };
    // Removed when the fetch settles, in the same step, so that an abort after the response was
    // handed over never cancels its body.
    const done = onAbort(signal, abort);
    pending.then(
      (response) => {
        done();
        resolve(response);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
