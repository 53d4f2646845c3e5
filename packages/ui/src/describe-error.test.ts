import {
  ChatSessionError,
  ConnectionError,
  HTTPError,
  IncompleteStreamError,
  type MessageSnapshot,
  TimeoutError,
} from '@chatstream/reader';
import { expect, it } from 'vitest';
import { describeError } from './describe-error.ts';

it('puts typed failures in words', () => {
  expect(describeError(new HTTPError('Bad gateway', { status: 502 })).title).toBe('The server had a problem');
  expect(describeError(new HTTPError('x', { status: 529, errorType: 'overloaded_error' })).title).toBe(
    'Claude is overloaded right now',
  );
  expect(describeError(new HTTPError('Not found', { status: 404 })).title).toBe(
    'The chat endpoint was not found',
  );
  expect(describeError(new TimeoutError('idle', 30_000)).title).toBe('The response took too long');
  expect(describeError(new IncompleteStreamError('no message_stop')).title).toBe(
    'The response ended before it was complete',
  );
  expect(describeError(new ChatSessionError('max-steps', 'Stopped after 5 steps (maxSteps)'))).toEqual({
    title: 'Claude stopped after many steps in a row',
    detail: 'Stopped after 5 steps',
  });
});

it('says a plain 401 or 403 from the server is a refusal, not a rejected or failed request', () => {
  // The app's own endpoint turning the person away (signed out, not allowed), with no Anthropic error type.
  expect(describeError(new HTTPError('HTTP 401: Unauthorized', { status: 401 }))).toEqual({
    title: 'The server refused the request',
    detail: 'Unauthorized (HTTP 401)',
  });
  expect(describeError(new HTTPError('Forbidden', { status: 403 })).title).toBe(
    'The server refused the request',
  );
});

it('tells a server never reached from a connection lost mid-answer', () => {
  // What a browser says for a refused connection, being offline, or a cross-origin answer without CORS headers.
  expect(describeError(new ConnectionError('Failed to fetch'))).toEqual({
    title: 'Could not reach the server',
    detail: 'Failed to fetch',
  });
  const partial = { message: { content: [] } } as unknown as MessageSnapshot;
  expect(describeError(new ConnectionError('network error', { partial })).title).toBe(
    'The connection was lost',
  );
});

it('does not take names the server sent for entries of its own tables', () => {
  const odd = new HTTPError('Odd', { status: 400, errorType: 'constructor' });
  expect(describeError(odd)).toEqual({
    title: 'The server rejected the request',
    detail: 'Odd (constructor, HTTP 400)',
  });
  expect(describeError(Object.assign(new Error('x'), { kind: 'toString' })).title).toBe(
    'Something went wrong',
  );
});

it('falls back to the message of any other error', () => {
  expect(describeError(new Error('Boom'))).toEqual({ title: 'Something went wrong', detail: 'Boom' });
  expect(describeError('plain')).toEqual({ title: 'Something went wrong', detail: 'plain' });
});

/** The detail of a 429 that asked to wait `retryAfterMs`. */
const limited = (retryAfterMs: number) =>
  describeError(new HTTPError('Rate limited', { status: 429, errorType: 'rate_limit_error', retryAfterMs }))
    .detail;

it('says how long the API asked to wait before trying again', () => {
  expect(limited(40_000)).toBe(
    'Rate limited (rate_limit_error, HTTP 429). The API asked to wait 40 s before trying again.',
  );
  expect(limited(1_500)).toContain('wait 2 s before');
  expect(limited(300_000)).toContain('wait 5 min before');
  expect(limited(500)).toBe('Rate limited (rate_limit_error, HTTP 429)');
});

it('says the HTTP status once', () => {
  expect(
    describeError(new HTTPError('HTTP 429: Too many tokens', { status: 429, errorType: 'rate_limit_error' }))
      .detail,
  ).toBe('Too many tokens (rate_limit_error, HTTP 429)');
  expect(describeError(new HTTPError('HTTP 502 Bad Gateway', { status: 502 })).detail).toBe(
    'Bad Gateway (HTTP 502)',
  );
  expect(describeError(new HTTPError('HTTP 502', { status: 502 })).detail).toBe('HTTP 502');
  expect(describeError(new HTTPError('HTTP 5020 odd', { status: 502 })).detail).toBe(
    'HTTP 5020 odd (HTTP 502)',
  );
});

it('names a conversation too long for the model and says what helps', () => {
  const tooLong = new HTTPError('HTTP 400: prompt is too long: 215000 tokens > 200000 maximum', {
    status: 400,
    errorType: 'invalid_request_error',
  });
  expect(describeError(tooLong)).toEqual({
    title: 'The conversation is too long for the model',
    detail:
      'prompt is too long: 215000 tokens > 200000 maximum (invalid_request_error, HTTP 400). Start a new conversation or remove earlier messages.',
  });
  const other = new HTTPError('HTTP 400: max_tokens: too large', {
    status: 400,
    errorType: 'invalid_request_error',
  });
  expect(describeError(other).title).toBe('The API rejected the request');
});

it('names a body over the server limit and says what helps', () => {
  const tooLarge = new HTTPError(
    "HTTP 413 Payload Too Large: The request body is larger than 33554432 bytes (32 MiB), this server's limit.",
    { status: 413, errorType: 'request_too_large' },
  );
  expect(describeError(tooLarge)).toEqual({
    title: 'The conversation is too large to send',
    detail:
      "Payload Too Large: The request body is larger than 33554432 bytes (32 MiB), this server's limit. (request_too_large, HTTP 413). Start a new conversation or remove earlier messages.",
  });
});

it('says what helps with any request refused for what it holds (an image over 5 MB)', () => {
  const image = new HTTPError(
    'HTTP 400: messages.0.content.0.image.source.base64: image exceeds 5 MB maximum',
    {
      status: 400,
      errorType: 'invalid_request_error',
    },
  );
  expect(describeError(image).detail).toMatch(/\. Start a new conversation or remove earlier messages\.$/u);
  const credit = new HTTPError('HTTP 400: Your credit balance is too low', {
    status: 400,
    errorType: 'invalid_request_error',
  });
  expect(describeError(credit).detail).not.toMatch(/Start a new conversation/u);
});

it('describes an error read back from a saved conversation (JSON) in the same words', () => {
  const errors = [
    new HTTPError('HTTP 429: Slow down', {
      status: 429,
      errorType: 'rate_limit_error',
      retryAfterMs: 40_000,
    }),
    new TimeoutError('idle', 30_000),
    new IncompleteStreamError('The stream ended before message_stop'),
    new ChatSessionError('max-steps', 'Stopped after 5 steps'),
  ];
  for (const error of errors) {
    expect(describeError(JSON.parse(JSON.stringify(error)))).toEqual(describeError(error));
  }
});
