import { checkFunction, checkNumber } from '../check-options.ts';
import type { AnyChatStreamError } from '../errors.ts';

/** When and how long to wait before retrying a request that failed before any content arrived. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, as the official SDK). 0 disables retrying. */
  maxRetries?: number | undefined;
  /** First backoff delay in ms (default 500); doubles per retry. */
  initialDelayMs?: number | undefined;
  /** Cap on a computed backoff delay in ms (default 8000). */
  maxDelayMs?: number | undefined;
  /** Cap on a server-requested delay (`retry-after`) in ms; longer requests are not retried (default 60000). */
  maxRetryAfterMs?: number | undefined;
  /** Random source for jitter, `[0, 1)` (default `Math.random`; inject for determinism). */
  random?: (() => number) | undefined;
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

/** HTTP 408, 409, 429 and 5xx: an answer worth asking again. */
export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUS.has(status) || status >= 500;
const RETRYABLE_STREAM_ERRORS = new Set([
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error',
]);

/**
 * True for failures worth another attempt: network errors and drops, idle/headers timeouts,
 * HTTP 408, 409, 429 and 5xx (an `x-should-retry` header overrides), and stream `error` events
 * of the transient kinds (`overloaded_error`, `api_error`, `rate_limit_error`, `timeout_error`).
 */
export function isRetryable(error: AnyChatStreamError): boolean {
  if (error.kind === 'http') {
    if (error.shouldRetry !== undefined) return error.shouldRetry;
    return isRetryableStatus(error.status);
  }
  if (error.kind === 'stream-event') return RETRYABLE_STREAM_ERRORS.has(error.errorType);
  return (
    error.kind === 'connection' || (error.kind === 'timeout' && 'phase' in error && error.phase !== 'total')
  );
}

/**
 * Builds the retry decision for attempt `attempt` (0-based): the delay to wait, or undefined to
 * give up. Exponential backoff `min(initial·2ⁿ, max)` minus up to 25 % jitter, unless the server
 * asked for a delay with `retry-after-ms` / `retry-after`.
 */
export function createRetryPolicy(
  options: RetryOptions = {},
): (error: AnyChatStreamError, attempt: number) => number | undefined {
  const {
    maxRetries = 2,
    initialDelayMs = 500,
    maxDelayMs = 8000,
    maxRetryAfterMs = 60_000,
    random = Math.random,
  } = options;
  checkNumber('retry.maxRetries', maxRetries, 'count');
  for (const [name, value] of Object.entries({ initialDelayMs, maxDelayMs, maxRetryAfterMs })) {
    checkNumber(`retry.${name}`, value, 'non-negative');
  }
  checkFunction('retry.random', random);
  return (error, attempt) => {
    if (attempt >= maxRetries || !isRetryable(error)) return undefined;
    const requested = error.kind === 'http' ? error.retryAfterMs : undefined;
    if (requested !== undefined) return requested <= maxRetryAfterMs ? requested : undefined;
    const backoff = Math.min(initialDelayMs * 2 ** attempt, maxDelayMs);
    // Whole milliseconds: the delay is shown (`retrying.delayMs`), and no timer keeps a fraction.
    return Math.round(backoff * (1 - 0.25 * random()));
  };
}
