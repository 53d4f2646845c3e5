import type { RelaySource } from './relay-source.ts';

/** Options of {@link createRelayStream}. */
export interface RelayStreamOptions {
  /** Sent when nothing went out for `pingIntervalMs` and the stream is between events. */
  ping: Uint8Array;
  /** 0 turns pings off. */
  pingIntervalMs: number;
  /** The in-band event for an upstream failure after streaming began. */
  errorEvent: (error: unknown) => Uint8Array;
  /** Told about upstream failures (not about the client going away). */
  onError: (error: unknown) => void;
  /** True once the client went away; its read errors are then expected, not failures. */
  isAborted: () => boolean;
  /** Called once the stream ended: read to its end, failed, or cancelled by the client. */
  onEnd?: () => void;
}

/**
 * The response body of the relay: pulls from `source` as the client reads (so a slow client slows
 * the upstream read instead of filling memory), sends pings while upstream is idle, ends with an
 * in-band error event when upstream fails, and aborts upstream when the client cancels.
 *
 * @example
 * return new Response(createRelayStream(source, options), { headers: sseHeaders() });
 */
export function createRelayStream(
  source: RelaySource,
  options: RelayStreamOptions,
): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let schedulePing: () => void = noop;
  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const end = (): void => {
    closed = true;
    stopTimer();
    options.onEnd?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        schedulePing = () => {
          stopTimer();
          if (options.pingIntervalMs <= 0 || closed) return;
          timer = setTimeout(() => {
            if (closed) return;
            if (source.atBoundary()) controller.enqueue(options.ping);
            schedulePing();
          }, options.pingIntervalMs);
        };
        schedulePing();
      },
      async pull(controller) {
        try {
          const { done, value } = await source.read();
          if (closed) return;
          if (done) {
            end();
            controller.close();
            return;
          }
          controller.enqueue(value);
          schedulePing();
        } catch (error) {
          if (closed) return;
          end();
          if (options.isAborted()) {
            controller.error(error);
            return;
          }
          options.onError(error);
          if (source.atBoundary()) {
            controller.enqueue(options.errorEvent(error));
            controller.close();
          } else {
            controller.error(error);
          }
        }
      },
      async cancel(reason) {
        end();
        await source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function noop(): void {
  // Replaced once the stream starts.
}
