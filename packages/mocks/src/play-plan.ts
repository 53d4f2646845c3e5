import type { ResponsePlan } from './plan-response.ts';
import { sleep } from './sleep.ts';

/**
 * How a served stream ended: all bytes sent (`completed`), the request was aborted (`aborted`), the
 * reader cancelled the body (`cancelled`), or a `dropConnection` fault broke it (`dropped`).
 */
export type StreamOutcome = 'completed' | 'aborted' | 'cancelled' | 'dropped';

/** Options for turning a plan into a body stream. */
export interface PlayOptions {
  /** Aborting stops the stream (its timers are cleared) and errors the body with the reason. */
  signal?: AbortSignal | undefined;
  /** Called once with how the stream ended. */
  onEnd?: ((outcome: StreamOutcome) => void) | undefined;
}

/**
 * A pull-driven body: each chunk waits its delay, then is handed to a pending read. The high-water
 * mark is 0 so nothing is queued ahead of the reader: a drop or an abort never discards bytes the
 * reader was already promised, and a stopped reader stops the timers.
 */
export function playPlan(plan: ResponsePlan, options: PlayOptions = {}): ReadableStream<Uint8Array> {
  const { signal, onEnd } = options;
  const cancel = new AbortController();
  let ended = false;
  const end = (outcome: StreamOutcome): void => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener('abort', onAbort);
    onEnd?.(outcome);
  };
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onAbort = (): void => {
    cancel.abort(signal?.reason);
    if (!ended) stream?.error(signal?.reason);
    end('aborted');
  };
  let index = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        const chunk = plan.chunks[index++];
        if (!chunk) {
          if (plan.end === 'drop') {
            controller.error(new TypeError('network error: the mock connection was dropped'));
            end('dropped');
          } else {
            controller.close();
            end('completed');
          }
          return;
        }
        try {
          await sleep(chunk.delay, cancel.signal);
        } catch {
          return;
        }
        if (!ended) controller.enqueue(chunk.bytes);
      },
      cancel() {
        cancel.abort();
        end('cancelled');
      },
    },
    { highWaterMark: 0 },
  );
}
