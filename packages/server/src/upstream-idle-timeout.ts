import { abortReason } from './abort-reason.ts';
import type { RelaySource } from './relay-source.ts';

/** The `name` of the error a wait fails with when upstream stayed silent too long. */
export const UPSTREAM_IDLE_TIMEOUT = 'UpstreamIdleTimeoutError';

/** How long upstream may stay silent, what to call it, and how to stop it. */
export interface UpstreamIdleLimit {
  idleMs: number;
  /** Names upstream in the error: `The Anthropic API`, `Amazon Bedrock`. */
  upstream: string;
  /** Stops upstream once it timed out, with the timeout error as the reason. */
  stop: (error: Error) => void;
}

/**
 * `source` (the relay's Anthropic bytes), failing a read that waits more than the limit for upstream:
 * the relay's pings keep the browser's idle timeout from ever firing, so a model that went silent
 * mid-answer would otherwise stream forever. Only the wait on upstream counts; a slow client
 * (backpressure) does not.
 *
 * @example
 * const timed = withUpstreamIdleTimeout(source, { idleMs: 60_000, upstream: 'Amazon Bedrock', stop: (error) => void source.cancel(error) });
 */
export function withUpstreamIdleTimeout(source: RelaySource, limit: UpstreamIdleLimit): RelaySource {
  return {
    read: () => withinLimit(source.read(), limit),
    atBoundary: () => source.atBoundary(),
    cancel: (reason) => source.cancel(reason),
  };
}

/**
 * `events` (the SDK's, which the plain-text protocol reads), failing a wait for the next one past
 * the limit. Every event counts, pings and thinking included, though most send the client nothing.
 *
 * @example
 * const timed = eventsWithUpstreamIdleTimeout(data, { idleMs: 60_000, upstream: 'The Anthropic API', stop: abortUpstream });
 */
export function eventsWithUpstreamIdleTimeout<Event>(
  events: AsyncIterable<Event>,
  limit: UpstreamIdleLimit,
): AsyncIterable<Event> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = events[Symbol.asyncIterator]();
      return {
        next: () => withinLimit(iterator.next(), limit),
        return: async (value?: unknown) =>
          (await iterator.return?.(value)) ?? { done: true as const, value: undefined },
      };
    },
  };
}

/** `wait`, or an error named {@link UPSTREAM_IDLE_TIMEOUT} (and upstream stopped) once the limit passed. */
function withinLimit<Value>(
  wait: Promise<Value>,
  { idleMs, upstream, stop }: UpstreamIdleLimit,
): Promise<Value> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = abortReason(new Error(`${upstream} sent nothing for ${idleMs} ms.`));
      error.name = UPSTREAM_IDLE_TIMEOUT;
      reject(error);
      stop(error);
    }, idleMs);
    wait.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
