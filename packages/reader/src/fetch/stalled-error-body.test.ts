import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, HTTPError } from '../errors.ts';
import { readMessageEvents } from '../stream/read-message-events.ts';
import { readMessageStream } from '../stream/read-message-stream.ts';
import { instanceOf } from '../test/instance-of.ts';
import { controlledBody } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { checkResponse } from './check-response.ts';
import { ERROR_BODY_WAIT_MS } from './read-error-body.ts';
import { streamMessage } from './stream-message.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A response whose headers arrived and whose body sends `sent`, then nothing more. */
function stalled(status: number, contentType: string, sent?: string) {
  const body = controlledBody(sent);
  const response = new Response(body.body, { status, headers: { 'content-type': contentType } });
  return { body, response };
}

// A proxy that sends 502 headers and stalls must not hold a chat in `submitted` for ever: the status
// already says what happened, the body only adds detail.
describe('an error response whose body stalls', () => {
  it('fails with the HTTPError and what of the body arrived once the idle timeout passes', async () => {
    const { body, response } = stalled(502, 'text/html', '<html><h1>502 Bad Gateway</h1>');
    const error = instanceOf(
      await rejection(readMessageStream(response, { idleTimeoutMs: 20 }).finalMessage()),
      HTTPError,
    );
    expect(error).toMatchObject({ status: 502, body: '<html><h1>502 Bad Gateway</h1>' });
    expect(body.cancelled).toBe(true);
  });

  it('a 2xx of the wrong type whose first chunk never comes fails as the wrong type, with no body', async () => {
    const { response } = stalled(200, 'text/html');
    const error = instanceOf(
      await rejection(readMessageStream(response, { idleTimeoutMs: 20 }).finalMessage()),
      HTTPError,
    );
    expect(error.message).toBe('Expected text/event-stream but got text/html');
    expect(error.body).toBeUndefined();
  });

  it('without an idle timeout, gives up on the body after ERROR_BODY_WAIT_MS', async () => {
    vi.useFakeTimers();
    const { response } = stalled(503, 'application/json', '{"type":"error","error":{"type":"overloaded_');
    let settled = false;
    const failure = readMessageStream(response).finalMessage();
    void failure.catch(() => (settled = true));
    await vi.advanceTimersByTimeAsync(ERROR_BODY_WAIT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = instanceOf(await rejection(failure), HTTPError);
    expect(error).toMatchObject({ status: 503, body: '{"type":"error","error":{"type":"overloaded_' });
  });

  it('a stop while the body stalls ends the stream aborted at once', async () => {
    const { body, response } = stalled(500, 'text/plain', 'Internal');
    const stream = readMessageStream(response);
    await vi.waitFor(() => expect(stream.response).toBe(response));
    stream.abort();
    expect(await rejection(stream.finalMessage())).toBeInstanceOf(AbortError);
    expect(body.cancelled).toBe(true);
  });

  it('streamMessage retries a stalled 5xx like any other 5xx', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls += 1;
      return calls === 1
        ? stalled(502, 'text/html', '<html>').response
        : new Response('{"type":"error","error":{"type":"invalid_request_error","message":"No"}}', {
            status: 400,
            headers: { 'content-type': 'application/json' },
          });
    };
    const stream = streamMessage(
      { url: 'https://api.chatstream.test/v1/messages', body: {} },
      { fetch, idleTimeoutMs: 20, retry: { maxRetries: 1 }, sleep: async () => undefined },
    );
    expect(await rejection(stream.finalMessage())).toMatchObject({
      status: 400,
      errorType: 'invalid_request_error',
    });
    expect(calls).toBe(2);
  });

  it('readMessageEvents gives up on it too', async () => {
    const { response } = stalled(504, 'text/html', 'Gateway');
    const error = await rejection(readMessageEvents(response, {}, { idleTimeoutMs: 20 }));
    expect(error).toMatchObject({ kind: 'http', status: 504, body: 'Gateway' });
  });

  it('checkResponse takes the same bounds: a wait and a signal', async () => {
    const waited = stalled(500, 'text/plain', 'partial');
    expect(await rejection(checkResponse(waited.response, { waitMs: 10 }))).toMatchObject({
      status: 500,
      body: 'partial',
    });
    const controller = new AbortController();
    const aborted = stalled(500, 'text/plain');
    const pending = checkResponse(aborted.response, { signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ status: 500, body: undefined });
  });
});
