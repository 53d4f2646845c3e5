import { instanceOf } from '../test/instance-of.ts';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rejection } from '../test/rejection.ts';
import {
  AbortError,
  type ChatStreamError,
  ConnectionError,
  HTTPError,
  ProtocolError,
  StreamEventError,
  TimeoutError,
} from '../errors.ts';
import type { RetryInfo } from '../stream/message-stream-events.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import { anthropicErrorResponse, controlledBody, sseResponse } from '../test/msw-sse.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import type { MessageSnapshot } from '../types.ts';
import { streamMessage } from './stream-message.ts';

const API = 'https://api.chatstream.test/v1/messages';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

type Event = Record<string, unknown>;

function transcript(name: string): Event[] {
  const events = transcripts[name];
  if (!events) throw new Error(`No transcript ${name}`);
  return events;
}

const EXPECTED_TEXT = 'Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".';
/** The first events of the `text` transcript: start, block start, ping, "Hel", "lo!" → text `Hello!`. */
const HELLO = toSSE(transcript('text').slice(0, 5));
const REST_OF_TEXT = toSSE(transcript('text').slice(5));
const PING = toSSE([{ type: 'ping' }]);
/** The text transcript as a relay with resume sends it: each event numbered. */
const RELAY_EVENTS = toSSE(transcript('text'))
  .split('\n\n')
  .filter(Boolean)
  .map((event, index) => `id: ${index + 1}\n${event}\n\n`);

/** The relay's response with its events `from` to `to`. */
const relayed = (from: number, to = RELAY_EVENTS.length) =>
  sseResponse(RELAY_EVENTS.slice(from, to).join(''), { 'chatstream-stream-id': 'stream-1' });

/**
 * The page's own fetch in front of a relay with resume: the request gets `first`, a resume the
 * events after its `last-event-id`, which `resumedFrom` records.
 */
function relayFetch(first: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  const resumedFrom: (string | null)[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    const lastEventId = new Headers(init?.headers).get('last-event-id');
    if (lastEventId === null) return sseResponse(first, headers);
    resumedFrom.push(lastEventId);
    return sseResponse(RELAY_EVENTS.slice(Number(lastEventId)).join(''), headers);
  });
  return { fetch, resumedFrom };
}

const requestBody = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hi' }],
};

interface SeenRequest {
  method: string;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

/**
 * Answers POSTs to {@link API} with `responders` in turn (the last one repeats) and records each
 * request as it arrived.
 */
function route(...responders: ((request: Request) => Response | Promise<Response>)[]): SeenRequest[] {
  const seen: SeenRequest[] = [];
  server.use(
    http.post(API, async ({ request }) => {
      seen.push({
        method: request.method,
        headers: request.headers,
        body: await request.clone().text(),
        signal: request.signal,
      });
      const responder = responders[Math.min(seen.length, responders.length) - 1];
      if (!responder) throw new Error('route() needs a responder');
      return responder(request);
    }),
  );
  return seen;
}

/** A responder that never answers (until the request is aborted). */
function never(request: Request): Promise<Response> {
  return new Promise((resolve) => {
    request.signal.addEventListener('abort', () => resolve(HttpResponse.error()), { once: true });
  });
}

function retries(stream: MessageStream): RetryInfo[] {
  const infos: RetryInfo[] = [];
  stream.on('retry', (info) => infos.push(info));
  return infos;
}

/** Collects delays instead of waiting (for tests where time is not the subject). */
function instantSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

/** Tracks whether `promise` settled, without ever leaving a rejection unhandled. */
function settled(promise: Promise<unknown>): { readonly done: boolean; readonly result: Promise<unknown> } {
  let done = false;
  const result = promise.then(
    (value) => {
      done = true;
      return value;
    },
    (error: unknown) => {
      done = true;
      return error;
    },
  );
  return {
    get done() {
      return done;
    },
    result,
  };
}

function textOf(snapshot: MessageSnapshot | undefined, index = 0): unknown {
  const block = snapshot?.message.content[index] as { text?: unknown } | undefined;
  return block?.text;
}

function nextText(stream: MessageStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    const off = stream.on('text', (_delta, textSoFar) => {
      if (textSoFar === text) {
        off();
        resolve();
      }
    });
  });
}

describe('streamMessage: success', () => {
  it('POSTs JSON with the SSE accept header and custom headers, and resolves the final message', async () => {
    const requests = route(() => sseResponse(toSSE(transcript('text'))));
    const stream = streamMessage(
      { url: API, body: requestBody, headers: { 'x-api-key': 'test-key', 'x-trace-id': 'trace-1' } },
      { retry: false },
    );
    const message = await stream.finalMessage();

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.headers.get('accept')).toBe('text/event-stream');
    expect(request?.headers.get('x-api-key')).toBe('test-key');
    expect(request?.headers.get('x-trace-id')).toBe('trace-1');
    expect(JSON.parse(request?.body ?? '')).toEqual(requestBody);

    expect(message).toEqual({
      id: 'msg_text',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [{ type: 'text', text: EXPECTED_TEXT }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 25, output_tokens: 21 },
    });
    expect(await stream.finalText()).toBe(EXPECTED_TEXT);
    expect(stream.status).toBe('complete');
    expect(stream.response?.headers.get('request-id')).toBe('req_stream');
    expect(stream.stats.maxTokens).toBe(1024);
    expect(stream.stats.outputTokens).toBe(21);
    expect(stream.stats.progress).toBeCloseTo(21 / 1024);
  });

  it('keeps caller-set content-type and accept headers, and sends a string body as is', async () => {
    const requests = route(() => sseResponse(toSSE(transcript('text'))));
    const raw = '{"max_tokens":5}';
    await streamMessage(
      { url: API, body: raw, headers: { 'content-type': 'text/plain', accept: 'text/event-stream, */*' } },
      { retry: false },
    ).finalMessage();
    expect(requests[0]?.headers.get('content-type')).toBe('text/plain');
    expect(requests[0]?.headers.get('accept')).toBe('text/event-stream, */*');
    expect(requests[0]?.body).toBe(raw);
  });

  it('keeps a caller-set content-type on an object body, which it still sends as JSON', async () => {
    const requests = route(() => sseResponse(toSSE(transcript('text'))));
    await streamMessage(
      { url: API, body: requestBody, headers: { 'content-type': 'application/vnd.api+json' } },
      { retry: false },
    ).finalMessage();
    expect(requests[0]?.headers.get('content-type')).toBe('application/vnd.api+json');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(requestBody);
  });
});

describe('streamMessage: retries before any content', () => {
  it('500 then 200 succeeds on the second request, after a retry event', async () => {
    const requests = route(
      () => anthropicErrorResponse(500, 'api_error', 'Internal server error'),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { retry: { random: () => 0 }, sleep });
    const infos = retries(stream);
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: EXPECTED_TEXT }]);
    expect(requests).toHaveLength(2);
    expect(infos).toHaveLength(1);
    expect(infos[0]?.attempt).toBe(1);
    expect(infos[0]?.delayMs).toBe(500);
    expect(infos[0]?.error).toBeInstanceOf(HTTPError);
    expect(infos[0]?.error).toMatchObject({ status: 500 });
    expect(delays).toEqual([500]);
    expect(stream.status).toBe('complete');
  });

  it('429 with retry-after: 3 waits exactly 3 s before the next request', async () => {
    vi.useFakeTimers();
    const requests = route(
      () => anthropicErrorResponse(429, 'rate_limit_error', 'Rate limited', { 'retry-after': '3' }),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const stream = streamMessage({ url: API, body: requestBody }, { retry: { random: () => 0.5 } });
    const retried = new Promise<RetryInfo>((resolve) => stream.on('retry', resolve));
    const result = settled(stream.finalMessage());

    const info = await retried;
    expect(info.delayMs).toBe(3000);
    expect(instanceOf(info.error, HTTPError).retryAfterMs).toBe(3000);
    await vi.advanceTimersByTimeAsync(2999);
    expect(requests).toHaveLength(1);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(await result.result).toMatchObject({ id: 'msg_text', stop_reason: 'end_turn' });
  });

  it('honours retry-after-ms', async () => {
    const requests = route(
      () => anthropicErrorResponse(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '1234' }),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    const infos = retries(stream);
    await stream.finalMessage();
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([1234]);
    expect(infos.map((info) => info.delayMs)).toEqual([1234]);
  });

  it('retries a network error', async () => {
    const requests = route(
      () => HttpResponse.error(),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const { sleep } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    const infos = retries(stream);
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(requests).toHaveLength(2);
    expect(infos[0]?.error).toBeInstanceOf(ConnectionError);
    expect(infos[0]?.error.kind).toBe('connection');
  });

  it('does not retry a 400: one request, HTTPError with the Anthropic details', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: must be positive' },
      request_id: 'req_body_400',
    });
    const requests = route(
      () =>
        new Response(body, {
          status: 400,
          headers: { 'content-type': 'application/json', 'request-id': 'req_400' },
        }),
    );
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    const infos = retries(stream);
    const errors: ChatStreamError[] = [];
    stream.on('error', (error) => errors.push(error));
    const error = await rejection(stream.finalMessage());
    expect(requests).toHaveLength(1);
    expect(infos).toEqual([]);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(HTTPError);
    const typed = instanceOf(error, HTTPError);
    expect(typed.status).toBe(400);
    expect(typed.errorType).toBe('invalid_request_error');
    expect(typed.message).toContain('max_tokens: must be positive');
    expect(typed.requestId).toBe('req_400');
    expect(typed.body).toBe(body);
    expect(typed.partial).toBeUndefined();
    expect(errors).toEqual([error]);
    expect(stream.status).toBe('error');
  });

  it('gives up after maxRetries with the last HTTPError', async () => {
    let n = 0;
    const requests = route(() => {
      n += 1;
      return anthropicErrorResponse(503, 'api_error', `down ${n}`, { 'request-id': `req_${n}` });
    });
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { retry: { random: () => 0 }, sleep });
    const infos = retries(stream);
    const error = await rejection(stream.finalMessage());
    expect(requests).toHaveLength(3);
    expect(infos.map((info) => info.attempt)).toEqual([1, 2]);
    expect(delays).toEqual([500, 1000]);
    expect(error).toBeInstanceOf(HTTPError);
    expect(instanceOf(error, HTTPError).requestId).toBe('req_3');
    expect(error.message).toContain('down 3');
  });

  it('retry: false makes a single attempt', async () => {
    const requests = route(() => anthropicErrorResponse(500, 'api_error', 'Internal'));
    const { sleep, delays } = instantSleep();
    const error = await rejection(
      streamMessage({ url: API, body: requestBody }, { retry: false, sleep }).finalMessage(),
    );
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(instanceOf(error, HTTPError).status).toBe(500);
  });

  it('x-should-retry: false on a 500 stops retries', async () => {
    const requests = route(() =>
      anthropicErrorResponse(500, 'api_error', 'Internal', { 'x-should-retry': 'false' }),
    );
    const { sleep } = instantSleep();
    const error = await rejection(streamMessage({ url: API, body: requestBody }, { sleep }).finalMessage());
    expect(requests).toHaveLength(1);
    expect(instanceOf(error, HTTPError).shouldRetry).toBe(false);
  });

  it('retries an overloaded_error event that arrives after message_start but before any content block', async () => {
    const overloaded = toSSE([
      {
        ...transcript('text')[0],
        message: { ...(transcript('text')[0]?.['message'] as Event), id: 'msg_first' },
      },
      { type: 'ping' },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_over' },
    ]);
    const requests = route(
      () => sseResponse(overloaded),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const { sleep } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { retry: { random: () => 0 }, sleep });
    const infos = retries(stream);
    const errors: ChatStreamError[] = [];
    stream.on('error', (error) => errors.push(error));
    const message = await stream.finalMessage();
    expect(requests).toHaveLength(2);
    expect(infos).toHaveLength(1);
    expect(infos[0]?.error).toBeInstanceOf(StreamEventError);
    expect(infos[0]?.error).toMatchObject({ errorType: 'overloaded_error' });
    expect(errors).toEqual([]);
    // Nothing of the failed attempt leaks into the result.
    expect(message.id).toBe('msg_text');
    expect(message.content).toEqual([{ type: 'text', text: EXPECTED_TEXT }]);
  });

  it('does not retry an error event after text has streamed, and keeps the partial text', async () => {
    const requests = route(() => sseResponse(toSSE(transcript('midStreamError'))));
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    const infos = retries(stream);
    const error = await rejection(stream.finalMessage());
    expect(requests).toHaveLength(1);
    expect(infos).toEqual([]);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(StreamEventError);
    const typed = instanceOf(error, StreamEventError);
    expect(typed.errorType).toBe('overloaded_error');
    expect(typed.requestId).toBe('req_011');
    expect(textOf(typed.partial)).toBe('Partial answer that gets');
    expect(stream.status).toBe('error');
  });
});

describe('streamMessage: timeouts', () => {
  it('headersTimeoutMs: a server that never answers fails with TimeoutError phase headers', async () => {
    vi.useFakeTimers();
    const requests = route(never);
    const stream = streamMessage({ url: API, body: requestBody }, { headersTimeoutMs: 5000, retry: false });
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(4999);
    expect(result.done).toBe(false);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result.result) as ChatStreamError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(instanceOf(error, TimeoutError).phase).toBe('headers');
    expect(instanceOf(error, TimeoutError).timeoutMs).toBe(5000);
    expect(error.partial).toBeUndefined();
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('headersTimeoutMs: a headers timeout is retried (nothing streamed yet)', async () => {
    vi.useFakeTimers();
    const requests = route(never, () => sseResponse(toSSE(transcript('text'))));
    const stream = streamMessage(
      { url: API, body: requestBody },
      { headersTimeoutMs: 5000, retry: { random: () => 0 } },
    );
    const infos = retries(stream);
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(5000);
    expect(infos.map((info) => info.error)).toEqual([expect.any(TimeoutError)]);
    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(await result.result).toMatchObject({ id: 'msg_text' });
  });

  it('headersTimeoutMs bounds the headers only: a body that streams for longer than it completes', async () => {
    vi.useFakeTimers();
    const body = controlledBody(HELLO);
    // As the platform's fetch does, an abort of the request's signal breaks the body it answered with.
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      const signal = init?.signal;
      signal?.addEventListener('abort', () => body.fail(signal.reason), { once: true });
      return sseResponse(body.body);
    });
    const stream = streamMessage(
      { url: API, body: requestBody },
      { headersTimeoutMs: 1000, retry: false, fetch },
    );
    const result = settled(stream.finalMessage());
    // The headers came at once; the rest of the answer comes an event every 800 ms, for over 10 s.
    const rest = REST_OF_TEXT.split('\n\n').filter(Boolean);
    expect(rest.length * 800).toBeGreaterThan(10_000);
    for (const event of rest) {
      await vi.advanceTimersByTimeAsync(800);
      expect(stream.status).toBe('streaming');
      body.send(`${event}\n\n`);
    }
    body.close();
    expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
    expect(stream.status).toBe('complete');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('idleTimeoutMs: no bytes after some text fails with TimeoutError phase idle keeping the text', async () => {
    vi.useFakeTimers();
    const body = controlledBody(HELLO);
    const requests = route(() => sseResponse(body.body));
    const stream = streamMessage({ url: API, body: requestBody }, { idleTimeoutMs: 2000 });
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(1999);
    expect(result.done).toBe(false);
    expect(textOf(stream.snapshot)).toBe('Hello!');
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result.result) as ChatStreamError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(instanceOf(error, TimeoutError).phase).toBe('idle');
    expect(textOf(error.partial)).toBe('Hello!');
    // After content, a timeout is not retried: the request is torn down and nothing else is requested.
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(stream.status).toBe('error');
  });

  it('idleTimeoutMs: by default, four ping intervals (at least 20 s) when the server says how often it pings', async () => {
    vi.useFakeTimers();
    for (const [interval, timeoutMs] of [
      // A relay that pings often still gets the 20 s floor: a short hiccup is no dead connection.
      ['1000', 20_000],
      ['5000', 20_000],
      ['10000', 40_000],
    ] as const) {
      const silent = controlledBody(HELLO);
      route(() => sseResponse(silent.body, { 'chatstream-ping-interval': interval }));
      const result = settled(streamMessage({ url: API, body: requestBody }).finalMessage());
      await vi.advanceTimersByTimeAsync(timeoutMs - 1);
      expect(result.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = (await result.result) as ChatStreamError;
      expect(instanceOf(error, TimeoutError)).toMatchObject({ phase: 'idle', timeoutMs });
      expect(textOf(error.partial)).toBe('Hello!');
    }
  });

  it('idleTimeoutMs: none by default from a server that does not say it pings', async () => {
    vi.useFakeTimers();
    // Any server, and the relay with resume whose pings were turned off.
    for (const headers of [{}, { 'chatstream-stream-id': 'stream-2' }]) {
      const quiet = controlledBody(HELLO);
      // Then the Stop, sent to the relay.
      route(
        () => sseResponse(quiet.body, headers),
        () => new Response(null, { status: 204 }),
      );
      const stream = streamMessage({ url: API, body: requestBody });
      const result = settled(stream.finalMessage());
      await vi.advanceTimersByTimeAsync(120_000);
      expect(result.done).toBe(false);
      expect(textOf(stream.snapshot)).toBe('Hello!');
      stream.abort();
    }
  });

  it('idleTimeoutMs: Infinity waits for a pinging server however long it is quiet', async () => {
    vi.useFakeTimers();
    const quiet = controlledBody(HELLO);
    route(() => sseResponse(quiet.body, { 'chatstream-ping-interval': '5000' }));
    const stream = streamMessage({ url: API, body: requestBody }, { idleTimeoutMs: Infinity });
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(120_000);
    expect(result.done).toBe(false);
    expect(textOf(stream.snapshot)).toBe('Hello!');
    stream.abort();
  });

  it('idleTimeoutMs: pings arriving within the window keep the stream alive', async () => {
    vi.useFakeTimers();
    const body = controlledBody(HELLO);
    route(() => sseResponse(body.body));
    const stream = streamMessage({ url: API, body: requestBody }, { idleTimeoutMs: 2000 });
    const result = settled(stream.finalMessage());
    for (let i = 0; i < 6; i += 1) {
      await vi.advanceTimersByTimeAsync(1500);
      expect(result.done).toBe(false);
      body.send(PING);
    }
    // 9 s have passed, far beyond the 2 s window, yet the stream is still going.
    await vi.advanceTimersByTimeAsync(1500);
    expect(result.done).toBe(false);
    expect(stream.status).toBe('streaming');
    body.send(REST_OF_TEXT);
    body.close();
    expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
    expect(stream.status).toBe('complete');
  });

  it('totalTimeoutMs: a stream that takes too long fails with TimeoutError phase total keeping the text', async () => {
    vi.useFakeTimers();
    const body = controlledBody(HELLO);
    const requests = route(() => sseResponse(body.body));
    const stream = streamMessage({ url: API, body: requestBody }, { totalTimeoutMs: 5000 });
    const errors: ChatStreamError[] = [];
    stream.on('error', (error) => errors.push(error));
    const result = settled(stream.finalMessage());
    for (let i = 0; i < 4; i += 1) {
      await vi.advanceTimersByTimeAsync(1000);
      body.send(PING);
    }
    await vi.advanceTimersByTimeAsync(999);
    expect(result.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result.result) as ChatStreamError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(instanceOf(error, TimeoutError).phase).toBe('total');
    expect(textOf(error.partial)).toBe('Hello!');
    expect(errors).toEqual([error]);
    expect(stream.status).toBe('error');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
  });
});

// Real timers: setTimeout itself turns a delay over 2^31 - 1 ms into 1 ms.
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('streamMessage: timeouts too long for setTimeout', () => {
  it('Infinity, or more than setTimeout holds, is no timeout rather than one at once', async () => {
    const body = controlledBody(HELLO);
    route(() => sseResponse(body.body));
    const stream = streamMessage(
      { url: API, body: requestBody },
      { headersTimeoutMs: Infinity, idleTimeoutMs: Infinity, totalTimeoutMs: 2 ** 31 },
    );
    await tick(50);
    expect(stream.status).toBe('streaming');
    body.send(REST_OF_TEXT);
    body.close();
    expect(await stream.finalMessage()).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
  });

  it('a retry-after longer than setTimeout holds waits, it does not retry at once', async () => {
    const requests = route(() =>
      anthropicErrorResponse(429, 'rate_limit_error', 'Rate limited', { 'retry-after-ms': String(2 ** 32) }),
    );
    const stream = streamMessage(
      { url: API, body: requestBody },
      { retry: { maxRetries: 1, maxRetryAfterMs: Infinity } },
    );
    await tick(50);
    expect(requests).toHaveLength(1);
    stream.abort();
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(AbortError);
  });
});

describe('streamMessage: aborts', () => {
  it('abort() mid-stream ends it aborted, keeps the partial and aborts the request', async () => {
    const body = controlledBody(HELLO);
    const requests = route(() => sseResponse(body.body));
    const stream = streamMessage({ url: API, body: requestBody });
    const aborts: AbortError[] = [];
    const errors: ChatStreamError[] = [];
    const ends: number[] = [];
    stream.on('abort', (error) => aborts.push(error));
    stream.on('error', (error) => errors.push(error));
    stream.on('end', () => ends.push(1));
    await nextText(stream, 'Hello!');
    stream.abort();
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(error.kind).toBe('abort');
    expect(textOf(error.partial)).toBe('Hello!');
    expect(stream.status).toBe('aborted');
    expect(stream.error).toBe(error);
    expect(aborts).toEqual([error]);
    expect(errors).toEqual([]);
    expect(ends).toEqual([1]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('abort() after the end is a no-op', async () => {
    route(() => sseResponse(toSSE(transcript('text'))));
    const stream = streamMessage({ url: API, body: requestBody });
    const aborts: AbortError[] = [];
    stream.on('abort', (error) => aborts.push(error));
    await stream.finalMessage();
    stream.abort();
    expect(stream.status).toBe('complete');
    expect(aborts).toEqual([]);
    await expect(stream.finalMessage()).resolves.toMatchObject({ id: 'msg_text' });
  });

  it('an external signal aborting during the retry backoff stops at once, with no further request', async () => {
    vi.useFakeTimers();
    const requests = route(() => anthropicErrorResponse(503, 'api_error', 'Unavailable'));
    const controller = new AbortController();
    const stream = streamMessage(
      { url: API, body: requestBody },
      { signal: controller.signal, retry: { initialDelayMs: 1000, random: () => 0 } },
    );
    const retried = new Promise<RetryInfo>((resolve) => stream.on('retry', resolve));
    const errors: ChatStreamError[] = [];
    stream.on('error', (error) => errors.push(error));
    const result = settled(stream.finalMessage());
    expect((await retried).delayMs).toBe(1000);
    await vi.advanceTimersByTimeAsync(400);
    controller.abort(new Error('user left'));
    // No time passes: the backoff sleep is cut short.
    await vi.advanceTimersByTimeAsync(0);
    expect(result.done).toBe(true);
    const error = (await result.result) as ChatStreamError;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('user left');
    expect(stream.status).toBe('aborted');
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
  });

  // BUG: MessageStream#attempt links the attempt's signal with `stop.addEventListener('abort', …)`,
  // which never fires for a signal that is already aborted, so the request is still sent.
  it('an already-aborted signal sends no request', async () => {
    const requests = route(() => sseResponse(toSSE(transcript('text'))));
    const error = await rejection(
      streamMessage({ url: API, body: requestBody }, { signal: AbortSignal.abort('gone') }).finalMessage(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });

  // BUG (same cause): an abort before the first attempt starts (e.g. React StrictMode's
  // mount → unmount → mount) neither stops the request nor ends the stream until headers arrive.
  it('abort() right after creation ends the stream at once, even if the server never answers', async () => {
    vi.useFakeTimers();
    const requests = route(never);
    const stream = streamMessage({ url: API, body: requestBody });
    stream.abort();
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(1000);
    expect(result.done).toBe(true);
    expect(await result.result).toBeInstanceOf(AbortError);
    expect(stream.status).toBe('aborted');
    expect(requests.every((request) => request.signal.aborted)).toBe(true);
  });
});

describe('streamMessage: bad bytes mid-stream', () => {
  // BUG: pumpEvents awaits `reader.cancel()` in its `finally` when onEvent throws. For a body
  // that is tee'd (MSW clones every mocked response; so does `response.clone()`), cancelling one
  // branch only settles once the other branch is cancelled too, so the stream hangs in
  // `streaming` forever instead of failing with the ProtocolError.
  it('invalid JSON while the body is still open fails with ProtocolError keeping the partial', async () => {
    const body = controlledBody(`${HELLO}event: content_block_delta\ndata: {"type":\n\n`);
    const requests = route(() => sseResponse(body.body));
    const stream = streamMessage({ url: API, body: requestBody });
    const result = settled(stream.finalMessage());
    await vi.waitFor(() => expect(stream.status).toBe('error'), { timeout: 2000 });
    const error = (await result.result) as ChatStreamError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(textOf(error.partial)).toBe('Hello!');
    expect(requests).toHaveLength(1);
  });
});

describe('streamMessage: a stop as the answer connects', () => {
  it('an abort() from a connect listener stops the stream, from any server', async () => {
    for (const headers of [{}, { 'chatstream-stream-id': 'stream-1' }]) {
      const body = controlledBody(HELLO);
      route(
        () => sseResponse(body.body, headers),
        () => new Response(null, { status: 204 }),
      );
      const stream = streamMessage({ url: API, body: requestBody }, { retry: false });
      stream.on('connect', () => stream.abort());
      body.send(REST_OF_TEXT);
      body.close();
      const error = await rejection(stream.finalMessage());
      expect(error).toBeInstanceOf(AbortError);
      expect(stream.status).toBe('aborted');
    }
  });
});

describe('streamMessage: dropped connections', () => {
  it('a connection dropped mid-stream fails with ConnectionError keeping the partial (not retried)', async () => {
    const body = controlledBody(HELLO);
    const requests = route(() => sseResponse(body.body));
    const { sleep, delays } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    await nextText(stream, 'Hello!');
    body.fail(new Error('socket hang up'));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.kind).toBe('connection');
    expect(error.message).toContain('socket hang up');
    expect(textOf(error.partial)).toBe('Hello!');
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(stream.status).toBe('error');
  });

  it('a connection dropped before any content is retried', async () => {
    const first = controlledBody(toSSE(transcript('text').slice(0, 1)));
    const requests = route(
      () => sseResponse(first.body),
      () => sseResponse(toSSE(transcript('text'))),
    );
    const { sleep } = instantSleep();
    const stream = streamMessage({ url: API, body: requestBody }, { sleep });
    const infos = retries(stream);
    stream.on('connect', () => {
      if (requests.length === 1) setTimeout(() => first.fail(new Error('ECONNRESET')), 0);
    });
    const message = await stream.finalMessage();
    expect(requests).toHaveLength(2);
    expect(infos[0]?.error).toBeInstanceOf(ConnectionError);
    expect(message.content).toEqual([{ type: 'text', text: EXPECTED_TEXT }]);
  });

  it('from a relay with resume, a body that ends before message_stop is read on (WebKit ends a dropped one so)', async () => {
    const requests = route(
      () => relayed(0, 5),
      (request) => relayed(Number(request.headers.get('last-event-id'))),
    );
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: EXPECTED_TEXT }]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers.get('chatstream-resume')).toBe('stream-1');
    expect(requests[1]?.headers.get('last-event-id')).toBe('5');
  });

  it('from a relay with resume, a body silent past the idle timeout is read on, not failed', async () => {
    vi.useFakeTimers();
    const silent = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1', 'chatstream-ping-interval': '5000' };
    // The page's own fetch, so the silent body is the one the reader reads.
    const { fetch, resumedFrom } = relayFetch(silent.body, headers);
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false, fetch });
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(19_999);
    expect(resumedFrom).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
    expect(resumedFrom).toEqual(['5']);
    // The silent body is let go: its connection is not left open.
    expect(silent.cancelled).toBe(true);
  });

  it('from a relay with resume, a body silent once the browser is back online is read on before the idle timeout', async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    const silent = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1', 'chatstream-ping-interval': '5000' };
    const { fetch, resumedFrom } = relayFetch(silent.body, headers);
    try {
      const stream = streamMessage(
        { url: API, body: requestBody },
        // No idle timeout at all: only the network coming back shows the connection dead.
        { retry: false, fetch, idleTimeoutMs: Number.POSITIVE_INFINITY },
      );
      const result = settled(stream.finalMessage());
      await vi.advanceTimersByTimeAsync(3000);
      page.dispatchEvent(new Event('online'));
      // A third of 20 s (the idle timeout of four ping intervals of 5 s): longer than a ping takes.
      await vi.advanceTimersByTimeAsync(6000);
      expect(resumedFrom).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      // Read on under 10 s in, not at the idle timeout's 20 s.
      expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
      expect(resumedFrom).toEqual(['5']);
      expect(silent.cancelled).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('from a relay with resume, a body silent once the page is shown again is read on before the idle timeout', async () => {
    vi.useFakeTimers();
    const page = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    vi.stubGlobal('document', page);
    const silent = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1', 'chatstream-ping-interval': '5000' };
    const { fetch, resumedFrom } = relayFetch(silent.body, headers);
    try {
      const stream = streamMessage({ url: API, body: requestBody }, { retry: false, fetch });
      const result = settled(stream.finalMessage());
      await vi.advanceTimersByTimeAsync(3000);
      // A laptop woken: the page shown again, its connection dead without a word.
      page.visibilityState = 'visible';
      page.dispatchEvent(new Event('visibilitychange'));
      await vi.advanceTimersByTimeAsync(6000);
      expect(resumedFrom).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
      expect(resumedFrom).toEqual(['5']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without resume, a quiet body is left alone when the page is shown again or the browser comes back online', async () => {
    vi.useFakeTimers();
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', page);
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    const quiet = controlledBody(HELLO);
    const requests = route(() => sseResponse(quiet.body));
    try {
      const stream = streamMessage({ url: API, body: requestBody }, { retry: false });
      const result = settled(stream.finalMessage());
      await vi.advanceTimersByTimeAsync(100);
      page.dispatchEvent(new Event('visibilitychange'));
      page.dispatchEvent(new Event('online'));
      // A long web search: nothing comes for 10 s, and nothing could read the stream on.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(result.done).toBe(false);
      quiet.send(REST_OF_TEXT);
      quiet.close();
      expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
      expect(requests).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('from a relay with resume, a body that goes on bringing pings or events after the browser is back online is kept', async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
    const live = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const requests = route(() => sseResponse(live.body, { 'chatstream-stream-id': 'stream-1' }));
    try {
      const stream = streamMessage({ url: API, body: requestBody }, { retry: false });
      const result = settled(stream.finalMessage());
      await vi.advanceTimersByTimeAsync(100);
      // A flapping network, while only the relay's pings come (a long server tool run).
      for (let flap = 0; flap < 6; flap += 1) {
        page.dispatchEvent(new Event('online'));
        await vi.advanceTimersByTimeAsync(5000);
        live.send(': ping\n\n');
      }
      live.send(RELAY_EVENTS.slice(5).join(''));
      live.close();
      await vi.advanceTimersByTimeAsync(2000);
      expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
      expect(requests).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('from a relay with resume, a stream that stays silent after resuming fails as idle, keeping the text', async () => {
    vi.useFakeTimers();
    const headers = { 'chatstream-stream-id': 'stream-1' };
    const requests = route(
      () => sseResponse(controlledBody(`id: 1\n${HELLO}`).body, headers),
      () => sseResponse(controlledBody().body, headers),
    );
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false, idleTimeoutMs: 2000 });
    const result = settled(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(60_000);
    const error = (await result.result) as ChatStreamError;
    expect(instanceOf(error, TimeoutError)).toMatchObject({ phase: 'idle', timeoutMs: 2000 });
    expect(textOf(error.partial)).toBe('Hello!');
    // The first request and five resumes that brought nothing new.
    expect(requests).toHaveLength(6);
  });

  it('from a relay with resume, resumes that fail on the network are tried again after 0.25, 0.5, 1, 2 and 4 s', async () => {
    vi.useFakeTimers();
    const first = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1' };
    let online = true;
    let droppedAt = 0;
    /** When each resume was asked for, in ms after the drop (fake clock), and from which event. */
    const resumes: [number, string | null][] = [];
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      const sent = new Headers(init?.headers);
      if (sent.get('chatstream-resume') === null) return sseResponse(first.body, headers);
      resumes.push([Date.now() - droppedAt, sent.get('last-event-id')]);
      if (!online) throw new TypeError('Failed to fetch');
      return sseResponse(RELAY_EVENTS.slice(Number(sent.get('last-event-id'))).join(''), headers);
    });
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false, fetch });
    const result = settled(stream.finalMessage());
    await nextText(stream, 'Hello!');
    // A train going into a tunnel: the connection drops mid-answer, and the network is gone for 6 s.
    online = false;
    droppedAt = Date.now();
    first.fail(new TypeError('terminated'));
    await vi.advanceTimersByTimeAsync(6000);
    expect(result.done).toBe(false);
    online = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
    expect(stream.status).toBe('complete');
    // At once, then after waits of 0.25, 0.5, 1, 2 and 4 s; the last one, with the network back, reads on.
    expect(resumes).toEqual([
      [0, '5'],
      [250, '5'],
      [750, '5'],
      [1750, '5'],
      [3750, '5'],
      [7750, '5'],
    ]);
  });

  it('from a relay with resume, a resume whose answer never comes is given up after 10 s and tried again', async () => {
    vi.useFakeTimers();
    const first = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1' };
    let resumes = 0;
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      const sent = new Headers(init?.headers);
      if (sent.get('chatstream-resume') === null) return sseResponse(first.body, headers);
      // The first resume goes out over a connection that died on the way: no answer, ever.
      if ((resumes += 1) === 1) {
        return new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
        );
      }
      return sseResponse(RELAY_EVENTS.slice(Number(sent.get('last-event-id'))).join(''), headers);
    });
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false, fetch });
    const result = settled(stream.finalMessage());
    await nextText(stream, 'Hello!');
    first.fail(new TypeError('terminated'));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(result.done).toBe(false);
    expect(resumes).toBe(1);
    // Before: frozen for good, the answer "streaming".
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await result.result).toMatchObject({ content: [{ type: 'text', text: EXPECTED_TEXT }] });
    expect(resumes).toBe(2);
  });

  it('from a relay with resume, a drop whose resumes all fail on the network fails as a lost connection, keeping the text', async () => {
    vi.useFakeTimers();
    const headers = { 'chatstream-stream-id': 'stream-1', 'chatstream-ping-interval': '5000' };
    let resumes = 0;
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      if (new Headers(init?.headers).get('chatstream-resume') === null) {
        return sseResponse(controlledBody(`id: 1\n${HELLO}`).body, headers);
      }
      // The last try goes out as the network comes back, and hangs: it says less than the others.
      if ((resumes += 1) === 5) {
        return new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
        );
      }
      throw new TypeError('Failed to fetch');
    });
    const stream = streamMessage({ url: API, body: requestBody }, { retry: false, fetch });
    const result = settled(stream.finalMessage());
    // Silent past the idle timeout (the browser offline), then the resumes fail for 8 s.
    await vi.advanceTimersByTimeAsync(60_000);
    const error = (await result.result) as ChatStreamError;
    // Before: "No data within 20000 ms", though the network said what was wrong.
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('Failed to fetch');
    expect(textOf(error.partial)).toBe('Hello!');
  });

  it("sends the request's credentials with it, with a resume after a drop, and with the Stop sent to the relay", async () => {
    const first = controlledBody(RELAY_EVENTS.slice(0, 5).join(''));
    // The resumed body brings three more text pieces, then stays open until the user stops it.
    const resumed = controlledBody(RELAY_EVENTS.slice(5, 8).join(''));
    const headers = { 'chatstream-stream-id': 'stream-1' };
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      const sent = new Headers(init?.headers);
      if (sent.has('chatstream-cancel')) return new Response(null, { status: 204 });
      return sseResponse(sent.has('chatstream-resume') ? resumed.body : first.body, headers);
    });
    const stream = streamMessage(
      { url: API, body: requestBody, credentials: 'include' },
      { retry: false, fetch },
    );
    await nextText(stream, 'Hello!');
    const readOn = nextText(stream, 'Hello! Héllo wö');
    first.fail(new TypeError('terminated'));
    await readOn;
    stream.abort();
    expect(await rejection(stream.finalMessage())).toBeInstanceOf(AbortError);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(3));
    const sent = fetch.mock.calls.map(([, init]) => {
      const sentHeaders = new Headers(init?.headers);
      const kind = sentHeaders.has('chatstream-resume')
        ? 'resume'
        : sentHeaders.has('chatstream-cancel')
          ? 'cancel'
          : 'request';
      return [kind, init?.credentials];
    });
    expect(sent).toEqual([
      ['request', 'include'],
      ['resume', 'include'],
      ['cancel', 'include'],
    ]);
  });

  it('without resume, a body that ends before message_stop fails with IncompleteStreamError', async () => {
    const requests = route(() => sseResponse(HELLO));
    const error = await rejection(streamMessage({ url: API, body: requestBody }).finalMessage());
    expect(error.kind).toBe('incomplete');
    expect(textOf(error.partial)).toBe('Hello!');
    expect(requests).toHaveLength(1);
  });
});
