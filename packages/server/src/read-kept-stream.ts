import { concatBytes } from './concat-bytes.ts';
import type { ResumeStore } from './resume-store.ts';

/** How often a reader with pings off reads the store again when no signal came. */
const POLL_MS = 15_000;

/** How a reader of a kept stream keeps its connection open and reports failures. */
export interface ReadKeptStreamOptions {
  /** Sent when nothing went out for `pingIntervalMs` (0: never). */
  ping: Uint8Array;
  pingIntervalMs: number;
  /** Told about store failures. */
  onError: (error: unknown) => void;
}

/**
 * A response body with stream `id`'s events after event `after` (0: all of them), then the live
 * ones as they are appended, by this instance or another one sharing `store`, with pings while
 * upstream is quiet (each ping comes after a read of the store that found nothing new). It ends when the stream is finished and read. A client reading it counts as
 * attached (the instance reading upstream waits for it); cancelling the body (the client went away)
 * detaches it.
 */
export function readKeptStream(
  store: ResumeStore,
  id: string,
  after: number,
  options: ReadKeptStreamOptions,
): ReadableStream<Uint8Array> {
  const { ping, pingIntervalMs, onError } = options;
  let next = after;
  let closed = false;
  // Set by a signal that came while the store was read, so it is read again instead of waited on.
  let changed = false;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;

  const leave = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    wake?.();
    void Promise.resolve()
      .then(() => store.publish(id, 'detach'))
      .catch(onError);
  };

  return new ReadableStream<Uint8Array>(
    {
      start: async () => {
        try {
          unsubscribe = await store.subscribe(id, (signal) => {
            if (signal !== 'event' && signal !== 'finish') return;
            changed = true;
            wake?.();
          });
          // Gone while subscribing: it never attached.
          if (closed) return unsubscribe();
          await store.publish(id, 'attach');
        } catch (error) {
          onError(error);
          throw error;
        }
      },
      pull: async (controller) => {
        try {
          let quiet = false;
          for (;;) {
            if (closed) return;
            changed = false;
            const stored = await store.read(id, next);
            if (closed) return;
            if (stored && stored.events.length > 0) {
              next += stored.events.length;
              controller.enqueue(concatBytes(stored.events));
              return;
            }
            // Forgotten (its ttl passed while read) or finished: everything there was went out.
            if (!stored || stored.finished) break;
            if (changed) continue;
            if (quiet && pingIntervalMs > 0) {
              controller.enqueue(ping);
              return;
            }
            // Read again after a while even without a signal: pub/sub (Redis's) may lose one, and a
            // store that went down must fail this read rather than leave the client waiting forever.
            quiet = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), pingIntervalMs > 0 ? pingIntervalMs : POLL_MS);
              wake = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            wake = undefined;
          }
          leave();
          controller.close();
        } catch (error) {
          onError(error);
          leave();
          controller.error(error);
        }
      },
      cancel: leave,
    },
    { highWaterMark: 0 },
  );
}
