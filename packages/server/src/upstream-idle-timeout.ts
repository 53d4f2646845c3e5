import { abortReason } from './abort-reason.ts';
import type { RelaySource } from './relay-source.ts';

/** The `name` of the error a read fails with when upstream stayed silent too long. */
export const UPSTREAM_IDLE_TIMEOUT = 'UpstreamIdleTimeoutError';

/**
 * `source`, failing a read that waits more than `idleMs` for upstream (an error named
 * {@link UPSTREAM_IDLE_TIMEOUT}, after
 * cancelling upstream): the relay's pings keep the browser's idle timeout from ever firing, so a
 * model that went silent mid-answer would otherwise stream forever. Only the wait on upstream
 * counts; a slow client (backpressure) does not.
 *
 * @example
 * const timed = withUpstreamIdleTimeout(source, 60_000, 'Amazon Bedrock');
 */
export function withUpstreamIdleTimeout(source: RelaySource, idleMs: number, upstream: string): RelaySource {
  return {
    read() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const error = abortReason(new Error(`${upstream} sent nothing for ${idleMs} ms.`));
          error.name = UPSTREAM_IDLE_TIMEOUT;
          reject(error);
          source.cancel(error).catch(() => undefined);
        }, idleMs);
        source.read().then(
          (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    },
    atBoundary: () => source.atBoundary(),
    cancel: (reason) => source.cancel(reason),
  };
}
