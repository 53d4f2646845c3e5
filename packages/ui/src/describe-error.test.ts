import { ChatSessionError, HTTPError, IncompleteStreamError, TimeoutError } from '@chatstream/reader';
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
  expect(describeError(new ChatSessionError('max-steps', 'Stopped after 5 steps')).detail).toBe(
    'Stopped after 5 steps',
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
