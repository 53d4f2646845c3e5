import { describe, expect, it } from 'vitest';
import {
  AbortError,
  BufferLimitError,
  type AnyChatStreamError,
  ConnectionError,
  HTTPError,
  IncompleteStreamError,
  ProtocolError,
  StreamEventError,
  TimeoutError,
} from '../errors.ts';
import { createRetryPolicy, isRetryable } from './retry-policy.ts';

function http(status: number, details: { retryAfterMs?: number; shouldRetry?: boolean } = {}): HTTPError {
  return new HTTPError(`HTTP ${status}`, { status, ...details });
}

describe('isRetryable', () => {
  it.each<[string, AnyChatStreamError, boolean]>([
    ['HTTP 400', http(400), false],
    ['HTTP 401', http(401), false],
    ['HTTP 403', http(403), false],
    ['HTTP 404', http(404), false],
    ['HTTP 408', http(408), true],
    ['HTTP 409', http(409), true],
    ['HTTP 413', http(413), false],
    ['HTTP 429', http(429), true],
    ['HTTP 500', http(500), true],
    ['HTTP 502', http(502), true],
    ['HTTP 503', http(503), true],
    ['HTTP 504', http(504), true],
    ['HTTP 529', http(529), true],
    ['200 with the wrong content type', http(200), false],
    ['HTTP 500 with x-should-retry: false', http(500, { shouldRetry: false }), false],
    ['HTTP 400 with x-should-retry: true', http(400, { shouldRetry: true }), true],
    ['stream overloaded_error', new StreamEventError('overloaded_error', 'Overloaded'), true],
    ['stream api_error', new StreamEventError('api_error', 'Internal'), true],
    ['stream rate_limit_error', new StreamEventError('rate_limit_error', 'Slow down'), true],
    ['stream timeout_error', new StreamEventError('timeout_error', 'Timeout'), true],
    ['stream invalid_request_error', new StreamEventError('invalid_request_error', 'Bad'), false],
    ['network error', new ConnectionError('fetch failed'), true],
    ['headers timeout', new TimeoutError('headers', 1000), true],
    ['idle timeout', new TimeoutError('idle', 1000), true],
    ['total timeout', new TimeoutError('total', 1000), false],
    ['abort', new AbortError(), false],
    ['incomplete stream', new IncompleteStreamError('no message_stop'), false],
    ['protocol violation', new ProtocolError('bad JSON'), false],
    ['buffer limit', new BufferLimitError(1024), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('createRetryPolicy', () => {
  it('backoff doubles per attempt and caps at maxDelayMs (no jitter when random() is 0)', () => {
    const policy = createRetryPolicy({
      maxRetries: 10,
      initialDelayMs: 500,
      maxDelayMs: 8000,
      random: () => 0,
    });
    const delays = Array.from({ length: 8 }, (_, attempt) => policy(http(500), attempt));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('defaults follow the official SDK: 500 ms doubling, 8 s cap, 2 retries', () => {
    const policy = createRetryPolicy({ random: () => 0 });
    expect(policy(http(503), 0)).toBe(500);
    expect(policy(http(503), 1)).toBe(1000);
    expect(policy(http(503), 2)).toBeUndefined();
  });

  it('jitter takes off up to 25 %, in whole milliseconds', () => {
    for (const random of [0, 0.1, 0.5, 0.9, 0.999_999, 0.123_456]) {
      const policy = createRetryPolicy({ maxRetries: 5, initialDelayMs: 1000, random: () => random });
      for (const attempt of [0, 1, 2]) {
        const base = 1000 * 2 ** attempt;
        const delay = policy(http(500), attempt);
        expect(delay).toBeDefined();
        expect(delay).toBeLessThanOrEqual(base);
        expect(delay).toBeGreaterThanOrEqual(base * 0.75);
        expect(delay).toBe(Math.round(base * (1 - 0.25 * random)));
      }
    }
  });

  it('jitter also applies to a capped delay and never exceeds the cap', () => {
    const policy = createRetryPolicy({ maxRetries: 10, maxDelayMs: 3000, random: () => 0.5 });
    expect(policy(http(500), 6)).toBe(3000 * 0.875);
  });

  it('honours retry-after exactly, without jitter', () => {
    const policy = createRetryPolicy({ random: () => 0.9 });
    expect(policy(http(429, { retryAfterMs: 3000 }), 0)).toBe(3000);
    expect(policy(http(429, { retryAfterMs: 20_000 }), 1)).toBe(20_000);
    expect(policy(http(503, { retryAfterMs: 0 }), 0)).toBe(0);
  });

  it('a retry-after up to maxRetryAfterMs is honoured; a longer one is not retried', () => {
    const policy = createRetryPolicy({ maxRetryAfterMs: 10_000 });
    expect(policy(http(429, { retryAfterMs: 10_000 }), 0)).toBe(10_000);
    expect(policy(http(429, { retryAfterMs: 10_001 }), 0)).toBeUndefined();
    expect(createRetryPolicy()(http(429, { retryAfterMs: 60_001 }), 0)).toBeUndefined();
    expect(createRetryPolicy()(http(429, { retryAfterMs: 60_000 }), 0)).toBe(60_000);
  });

  it('maxRetries is respected (attempt is 0-based), and 0 disables retrying', () => {
    const policy = createRetryPolicy({ maxRetries: 3, random: () => 0 });
    expect(policy(http(500), 0)).toBeDefined();
    expect(policy(http(500), 2)).toBeDefined();
    expect(policy(http(500), 3)).toBeUndefined();
    expect(policy(http(429, { retryAfterMs: 10 }), 3)).toBeUndefined();
    expect(createRetryPolicy({ maxRetries: 0 })(http(500), 0)).toBeUndefined();
  });

  it('x-should-retry: false on a 500 stops retries, even with retry-after', () => {
    const policy = createRetryPolicy({ random: () => 0 });
    expect(policy(http(500, { shouldRetry: false }), 0)).toBeUndefined();
    expect(policy(http(500, { shouldRetry: false, retryAfterMs: 100 }), 0)).toBeUndefined();
  });

  it('x-should-retry: true makes an otherwise final status retryable', () => {
    const policy = createRetryPolicy({ random: () => 0 });
    expect(policy(http(400, { shouldRetry: true }), 0)).toBe(500);
  });

  it('errors that are not retryable give up at once', () => {
    const policy = createRetryPolicy({ random: () => 0 });
    expect(policy(http(400), 0)).toBeUndefined();
    expect(policy(new TimeoutError('total', 1000), 0)).toBeUndefined();
    expect(policy(new StreamEventError('invalid_request_error', 'Bad'), 0)).toBeUndefined();
  });

  it('network errors and transient stream errors back off like 5xx', () => {
    const policy = createRetryPolicy({ random: () => 0 });
    expect(policy(new ConnectionError('reset'), 1)).toBe(1000);
    expect(policy(new StreamEventError('overloaded_error', 'Overloaded'), 0)).toBe(500);
  });
});
