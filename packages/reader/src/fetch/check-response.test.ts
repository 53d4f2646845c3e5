import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTPError } from '../errors.ts';
import { anthropicErrorResponse } from '../test/msw-sse.ts';
import { checkResponse, mimeEssence, retryAfterMs } from './check-response.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** The HTTPError `checkResponse` rejects with (fails the test when it resolves or throws something else). */
async function httpErrorOf(response: Response): Promise<HTTPError> {
  const error: unknown = await checkResponse(response).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HTTPError);
  return error as HTTPError;
}

function anthropicError(
  status: number,
  statusText: string,
  errorType: string,
  message: string,
  headers: Record<string, string> = {},
): { response: Response; body: string } {
  const body = JSON.stringify({ type: 'error', error: { type: errorType, message }, request_id: 'req_body' });
  const response = new Response(body, {
    status,
    statusText,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { response, body };
}

describe('checkResponse: Anthropic error bodies become HTTPError', () => {
  it('400 invalid_request_error: status, error type, message, request id, body and content type', async () => {
    const { response, body } = anthropicError(
      400,
      'Bad Request',
      'invalid_request_error',
      'messages: field required',
      { 'request-id': 'req_header_400' },
    );
    const error = await httpErrorOf(response);
    expect(error.kind).toBe('http');
    expect(error.name).toBe('HTTPError');
    expect(error.status).toBe(400);
    expect(error.errorType).toBe('invalid_request_error');
    expect(error.message).toContain('400');
    expect(error.message).toContain('messages: field required');
    expect(error.requestId).toBe('req_header_400');
    expect(error.body).toBe(body);
    expect(error.contentType).toBe('application/json');
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.shouldRetry).toBeUndefined();
    expect(error.partial).toBeUndefined();
  });

  it.each([
    [401, 'authentication_error', 'invalid x-api-key'],
    [404, 'not_found_error', 'model: claude-nope'],
    [529, 'overloaded_error', 'Overloaded'],
  ])('%i %s keeps the status, error type and message', async (status, errorType, message) => {
    const error = await httpErrorOf(anthropicErrorResponse(status, errorType, message));
    expect(error.status).toBe(status);
    expect(error.errorType).toBe(errorType);
    expect(error.message).toContain(message);
    expect(error.message).toContain(String(status));
  });

  it("takes a gateway's x-request-id when the API's request-id is not there", async () => {
    const { response } = anthropicError(429, 'Too Many Requests', 'rate_limit_error', 'Slow down', {
      'x-request-id': 'gw-7c1e',
    });
    expect((await httpErrorOf(response)).requestId).toBe('gw-7c1e');
    const both = anthropicError(429, 'Too Many Requests', 'rate_limit_error', 'Slow down', {
      'x-request-id': 'gw-7c1e',
      'request-id': 'req_api',
    });
    expect((await httpErrorOf(both.response)).requestId).toBe('req_api');
  });

  it('413 with a non-JSON HTML page keeps the page as body and has no error type', async () => {
    const page = '<html><body><h1>413 Request Entity Too Large</h1></body></html>';
    const error = await httpErrorOf(
      new Response(page, {
        status: 413,
        statusText: 'Request Entity Too Large',
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(error.status).toBe(413);
    expect(error.errorType).toBeUndefined();
    expect(error.body).toBe(page);
    expect(error.contentType).toBe('text/html');
    expect(error.message).toBe('HTTP 413 Request Entity Too Large');
  });

  it('a JSON body that is not an Anthropic error keeps the body and has no error type', async () => {
    const error = await httpErrorOf(
      new Response('{"detail":"upstream failed"}', {
        status: 502,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(error.status).toBe(502);
    expect(error.errorType).toBeUndefined();
    expect(error.body).toBe('{"detail":"upstream failed"}');
  });
});

/** A JSON error response, as FastAPI / Starlette send them. */
function jsonError(status: number, statusText: string, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json' },
  });
}

describe('checkResponse: an error status whose body is an event stream', () => {
  it('reads the type and message of its error event, as some gateways answer', async () => {
    const body =
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const error = await httpErrorOf(
      new Response(body, { status: 529, headers: { 'content-type': 'text/event-stream' } }),
    );
    expect(error).toMatchObject({ status: 529, errorType: 'overloaded_error', body });
    expect(error.message).toBe('HTTP 529: Overloaded');
    // After a ping, its data over two lines (still one JSON text), without the last blank line.
    const later =
      'event: ping\ndata: {"type":"ping"}\n\nevent: error\ndata: {"type":"error",\ndata: "error":{"type":"overloaded_error","message":"Busy"}}';
    expect(
      await httpErrorOf(
        new Response(later, { status: 529, headers: { 'content-type': 'text/event-stream' } }),
      ),
    ).toMatchObject({ errorType: 'overloaded_error', message: 'HTTP 529: Busy' });
  });
});

describe('checkResponse: a short plain-text refusal', () => {
  it('is the message; a long text or HTML page is only kept as body', async () => {
    const refused = await httpErrorOf(
      new Response('Slow down:\n4 answers at once', {
        status: 429,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      }),
    );
    expect(refused.message).toBe('HTTP 429: Slow down: 4 answers at once');
    const long = 'x'.repeat(201);
    expect(
      (await httpErrorOf(new Response(long, { status: 500, headers: { 'content-type': 'text/plain' } })))
        .message,
    ).toBe('HTTP 500');
    expect(
      (
        await httpErrorOf(
          new Response('<h1>Bad</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
        )
      ).message,
    ).toBe('HTTP 502');
  });
});

describe('checkResponse: FastAPI / Starlette error bodies', () => {
  it('{"detail": "text"} (HTTPException) is the message, with no error type', async () => {
    const error = await httpErrorOf(jsonError(400, 'Bad Request', { detail: 'Bad model' }));
    expect(error.message).toBe('HTTP 400 Bad Request: Bad model');
    expect(error.errorType).toBeUndefined();
    expect(error.body).toBe('{"detail":"Bad model"}');
  });

  it("a Pydantic 422 list reads its first problem's msg, after its loc joined with '.'", async () => {
    const error = await httpErrorOf(
      jsonError(422, 'Unprocessable Entity', {
        detail: [
          { loc: ['body', 'model'], msg: 'field required', type: 'value_error.missing' },
          { loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' },
        ],
      }),
    );
    expect(error.message).toBe('HTTP 422 Unprocessable Entity: body.model: field required');
    expect(error.errorType).toBeUndefined();
  });

  it('a problem without loc is its msg alone; detail that is not text or problems adds nothing', async () => {
    const bare = await httpErrorOf(jsonError(422, 'Unprocessable Entity', { detail: [{ msg: 'bad' }] }));
    expect(bare.message).toBe('HTTP 422 Unprocessable Entity: bad');
    for (const detail of [[], [null], [{ loc: ['body'] }], 42, { msg: 'nested' }, null]) {
      const error = await httpErrorOf(jsonError(400, 'Bad Request', { detail }));
      expect(error.message).toBe('HTTP 400 Bad Request');
    }
    const json = await httpErrorOf(jsonError(400, 'Bad Request', null));
    expect(json.message).toBe('HTTP 400 Bad Request');
  });

  it("an Anthropic error's message wins over a detail beside it", async () => {
    const error = await httpErrorOf(
      jsonError(429, 'Too Many Requests', {
        error: { type: 'rate_limit_error', message: 'slow down' },
        detail: 'other',
      }),
    );
    expect(error.message).toBe('HTTP 429 Too Many Requests: slow down');
    expect(error.errorType).toBe('rate_limit_error');
  });
});

describe('checkResponse: the reason phrase', () => {
  it.each(['unknown', 'Unknown', 'UNKNOWN', 'HM'])(
    'leaves out the %j Node proxies (or Bun, for a code it has no words for) put in for a missing one',
    async (statusText) => {
      const { response } = anthropicError(529, statusText, 'overloaded_error', 'Overloaded');
      const error = await httpErrorOf(response);
      expect(error.message).toBe('HTTP 529: Overloaded');
    },
  );

  it('keeps a real one, and one that only contains "unknown"', async () => {
    const { response } = anthropicError(529, 'Site Overloaded', 'overloaded_error', 'Overloaded');
    expect((await httpErrorOf(response)).message).toBe('HTTP 529 Site Overloaded: Overloaded');
    const odd = await httpErrorOf(new Response(null, { status: 500, statusText: 'unknown error' }));
    expect(odd.message).toBe('HTTP 500 unknown error');
  });
});

describe('checkResponse: retry-after', () => {
  it('429 with retry-after in seconds', async () => {
    const error = await httpErrorOf(
      anthropicErrorResponse(429, 'rate_limit_error', 'Number of request tokens has exceeded your limit', {
        'retry-after': '30',
      }),
    );
    expect(error.status).toBe(429);
    expect(error.errorType).toBe('rate_limit_error');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('retry-after-ms in milliseconds, preferred over retry-after', async () => {
    const only = await httpErrorOf(
      anthropicErrorResponse(429, 'rate_limit_error', 'slow down', { 'retry-after-ms': '1500' }),
    );
    expect(only.retryAfterMs).toBe(1500);
    const both = await httpErrorOf(
      anthropicErrorResponse(429, 'rate_limit_error', 'slow down', {
        'retry-after-ms': '250',
        'retry-after': '30',
      }),
    );
    expect(both.retryAfterMs).toBe(250);
  });

  it('retry-after as an HTTP date is the time until that date', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-03-01T12:00:00.000Z') });
    const error = await httpErrorOf(
      anthropicErrorResponse(429, 'rate_limit_error', 'slow down', {
        'retry-after': 'Sat, 01 Mar 2025 12:00:07 GMT',
      }),
    );
    expect(error.retryAfterMs).toBe(7000);
  });

  it('retryAfterMs: a date in the past is 0; absent or unreadable values are undefined', () => {
    const now = Date.parse('2025-03-01T12:00:00.000Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 11:59:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sat, 01 Mar 2025 12:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '0' }), now)).toBe(0);
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after-ms': 'abc', 'retry-after': '2' }), now)).toBe(2000);
  });

  it('retryAfterMs: junk that only a lenient Date.parse reads as a date is unreadable, not "retry now"', () => {
    // V8 parses "-5" and "abc 3" as dates in 2001, so they would become a 0 ms delay: an immediate
    // retry with no backoff. Neither is delay-seconds nor an HTTP-date.
    const now = Date.parse('2025-03-01T12:00:00.000Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '-5' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'abc 3' }), now)).toBeUndefined();
  });
});

describe('checkResponse: request id and x-should-retry', () => {
  it('the request-id header wins over the body request_id', async () => {
    const error = await httpErrorOf(
      anthropicErrorResponse(500, 'api_error', 'Internal', { 'request-id': 'req_header' }, 'req_in_body'),
    );
    expect(error.requestId).toBe('req_header');
  });

  it('the body request_id is used when the header is absent', async () => {
    const error = await httpErrorOf(anthropicErrorResponse(500, 'api_error', 'Internal', {}, 'req_in_body'));
    expect(error.requestId).toBe('req_in_body');
  });

  it('no request id anywhere leaves it undefined', async () => {
    const error = await httpErrorOf(new Response('oops', { status: 500 }));
    expect(error.requestId).toBeUndefined();
    expect(error.body).toBe('oops');
  });

  it.each([
    ['true', true],
    ['false', false],
    [undefined, undefined],
  ] as const)('x-should-retry: %s → shouldRetry %s', async (header, expected) => {
    const headers: Record<string, string> = header === undefined ? {} : { 'x-should-retry': header };
    const error = await httpErrorOf(anthropicErrorResponse(500, 'api_error', 'Internal', headers));
    expect(error.shouldRetry).toBe(expected);
  });
});

describe('checkResponse: content type', () => {
  it('a 200 with text/html is an HTTPError that names the wrong content type and keeps the body', async () => {
    const page = '<!doctype html><title>Login</title>';
    const error = await httpErrorOf(
      new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    expect(error.status).toBe(200);
    expect(error.errorType).toBeUndefined();
    expect(error.message).toContain('text/event-stream');
    expect(error.message).toContain('text/html');
    expect(error.body).toBe(page);
    expect(error.contentType).toBe('text/html; charset=utf-8');
  });

  it('a 200 plain-text stream that goes on fails at once with what its first chunk held, and is cancelled', async () => {
    let cancelled = false;
    const live = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('Hello from a plain-text stream'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const error = await httpErrorOf(
      new Response(live, { status: 200, headers: { 'content-type': 'text/plain' } }),
    );
    expect(error.message).toContain('text/plain');
    expect(error.body).toBe('Hello from a plain-text stream');
    expect(cancelled).toBe(true);
  });

  it('an error body keeps its first 64 KiB and the rest is not read', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(40 * 1024));
    let pulls = 0;
    let cancelled = false;
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const error = await httpErrorOf(new Response(huge, { status: 502, statusText: 'Bad Gateway' }));
    expect(error.body).toBe('x'.repeat(64 * 1024));
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(5);
  });

  it('a 200 with a whole message as JSON says to ask for a stream', async () => {
    const message = { id: 'msg_1', type: 'message', role: 'assistant', content: [], stop_reason: 'end_turn' };
    const error = await httpErrorOf(
      new Response(JSON.stringify(message), {
        status: 200,
        headers: { 'content-type': 'application/json', 'request-id': 'req_1' },
      }),
    );
    expect(error.message).toBe('Expected text/event-stream but got application/json (send "stream": true)');
    expect(error.requestId).toBe('req_1');
    // Pretty-printed, and only its first chunk read (a long answer): its type comes before its content.
    const cut = await httpErrorOf(
      new Response(JSON.stringify(message, null, 2).slice(0, 60), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(cut.message).toBe('Expected text/event-stream but got application/json (send "stream": true)');
    // An array, or a type inside a nested object, is no Message.
    for (const body of ['[{"type":"message"}]', '{"content":{"type":"message"}}', 'null']) {
      const other = await httpErrorOf(
        new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
      );
      expect(other.message).toBe('Expected text/event-stream but got application/json');
    }
  });

  it("a 200 of the SDK's lines of JSON says what they are, not to ask for a stream", async () => {
    const lines = [
      { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [] } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ];
    const error = await httpErrorOf(
      new Response(lines.map((line) => JSON.stringify(line)).join('\n'), {
        status: 200,
        headers: { 'content-type': 'application/x-ndjson' },
      }),
    );
    // Before: "(send "stream": true)", for a request that did stream.
    expect(error.message).toBe(
      "Expected text/event-stream but got application/x-ndjson (the SDK's toReadableStream() lines: serve an event stream)",
    );
  });

  it('a 200 with no content type is an HTTPError', async () => {
    const response = new Response(null, { status: 200 });
    response.headers.delete('content-type');
    const error = await httpErrorOf(response);
    expect(error.status).toBe(200);
    expect(error.message).toContain('no content type');
    expect(error.contentType).toBeUndefined();
  });

  it.each([
    'text/event-stream',
    'text/event-stream; charset=utf-8',
    'Text/Event-Stream',
    ' TEXT/EVENT-STREAM ;x=1',
  ])('accepts %j and leaves the body unread', async (contentType) => {
    const response = new Response('event: ping\ndata: {"type":"ping"}\n\n', {
      status: 200,
      headers: { 'content-type': contentType },
    });
    await expect(checkResponse(response)).resolves.toBeUndefined();
    expect(response.bodyUsed).toBe(false);
  });

  it('an error status is rejected even with an event-stream content type', async () => {
    const error = await httpErrorOf(
      new Response('event: error\ndata: {}\n\n', {
        status: 503,
        headers: { 'content-type': 'text/event-stream' },
      }),
    );
    expect(error.status).toBe(503);
  });

  it('mimeEssence drops parameters and lower-cases', () => {
    expect(mimeEssence('Text/Event-Stream; charset=UTF-8')).toBe('text/event-stream');
    expect(mimeEssence('application/json')).toBe('application/json');
    expect(mimeEssence('')).toBe('');
  });
});
