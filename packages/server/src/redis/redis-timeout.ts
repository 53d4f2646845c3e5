import { unref } from '../unref-timer.ts';

/**
 * A command or subscription of the Redis resume store that Redis did not answer within the store's
 * `commandTimeoutMs`: Redis is paused, unreachable (a client that queues commands while it
 * reconnects waits for ever), or overloaded. The relay reports it to `onError` like any store
 * failure: upstream is aborted, and the client gets an error instead of a connection that hangs.
 */
export class RedisTimeoutError extends Error {
  /** What the store was doing: `append`, `read`, `subscribe`, … */
  declare readonly operation: string;
  /** The store's `commandTimeoutMs`. */
  declare readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(
      `Redis did not answer the resume store's ${operation} within ${timeoutMs} ms: it is paused, unreachable or overloaded.`,
    );
    this.name = 'RedisTimeoutError';
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * `promise`, or a {@link RedisTimeoutError} for `operation` once `timeoutMs` passed first
 * (`Infinity`: never). A value that comes after that goes to `late` (a subscription to undo).
 */
export function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  operation: string,
  late?: (value: T) => void,
): Promise<T> {
  if (timeoutMs === Infinity) return promise;
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = unref(
      setTimeout(() => {
        timedOut = true;
        reject(new RedisTimeoutError(operation, timeoutMs));
      }, timeoutMs),
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) late?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
