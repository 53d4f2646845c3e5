import { checkNumber } from '../check-options.ts';
import { onAbort } from '../on-abort.ts';

/**
 * Streams that take turns: at most `concurrency` at once, the others waiting in order. Give the
 * same queue to the streams of a page that starts many at once (a summary per row of a table).
 */
export interface RequestQueue {
  /**
   * Resolves, in the order asked, with the function that gives the place back, once one is free;
   * rejects with `signal`'s reason when it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** How many streams run now. */
  readonly running: number;
  /** How many wait for a place. */
  readonly waiting: number;
}

/**
 * A {@link RequestQueue} of `concurrency` places. A browser opens at most six HTTP/1.1 connections
 * to one origin and queues the rest where no timeout can tell the wait from a slow server; a stream
 * (`streamMessage`'s `requestQueue` option) waiting here starts its clocks (timeouts, `stats`) once its
 * turn comes, and it keeps its place through retries and reconnects until it ends.
 *
 * @example
 * const queue = createRequestQueue(5); // six connections, one left for the chat
 * for (const row of rows) streamMessage({ body: summaryOf(row) }, { requestQueue: queue });
 */
export function createRequestQueue(concurrency: number): RequestQueue {
  // Left out (`config.concurrency` unset), no stream would ever get a place.
  if (concurrency === undefined)
    throw new TypeError('createRequestQueue needs a concurrency: how many streams at once');
  checkNumber('concurrency', concurrency, 'positive count');
  const turns: (() => void)[] = [];
  let running = 0;
  const grant = (): (() => void) => {
    running += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      running -= 1;
      turns.shift()?.();
    };
  };
  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (running < concurrency && turns.length === 0) return Promise.resolve(grant());
      return new Promise((resolve, reject) => {
        const turn = (): void => {
          stopListening();
          resolve(grant());
        };
        const stopListening = onAbort(signal, () => {
          turns.splice(turns.indexOf(turn), 1);
          reject(signal?.reason);
        });
        turns.push(turn);
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return turns.length;
    },
  };
}
