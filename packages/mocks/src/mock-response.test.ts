import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { failFirst, httpError } from './faults.ts';
import { createMockResponse, createMockStream } from './mock-response.ts';
import type { StreamOutcome } from './play-plan.ts';
import { readBytes, readSSE } from './test/sse-events.ts';
import { withFaults } from './with-faults.ts';

const instant = { timing: 'instant' } as const;

describe('createMockResponse: HTTP faults', () => {
  it.each([
    ['badRequest', 400, 'invalid_request_error'],
    ['unauthorized', 401, 'authentication_error'],
    ['notFound', 404, 'not_found_error'],
    ['requestTooLarge', 413, 'request_too_large'],
    ['rateLimited', 429, 'rate_limit_error'],
    ['serverError', 500, 'api_error'],
    ['overloaded', 529, 'overloaded_error'],
  ] as const)('%s answers %i with an Anthropic error body and request-id', async (name, status, type) => {
    const response = createMockResponse(faultScenarios[name], instant);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as {
      type: string;
      error: { type: string; message: string };
      request_id: string;
    };
    expect(body).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: expect.any(String),
    });
    expect(response.headers.get('request-id')).toBe(body.request_id);
    expect(response.headers.get('retry-after')).toBe(status === 429 ? '1' : null);
  });

  it('can send a non-JSON body and retry-after-ms', async () => {
    const html = withFaults(
      contentScenarios.basic,
      httpError(413, { body: '<html>too large</html>', contentType: 'text/html', retryAfterMs: 250 }),
    );
    const response = createMockResponse(html, instant);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('retry-after-ms')).toBe('250');
    expect(response.headers.get('x-should-retry')).toBeNull();
    const advised = createMockResponse(
      withFaults(contentScenarios.basic, httpError(503, { shouldRetry: false })),
    );
    expect(advised.headers.get('x-should-retry')).toBe('false');
    expect(await response.text()).toBe('<html>too large</html>');
  });

  it('fails the first attempts only', () => {
    const flaky = withFaults(contentScenarios.basic, failFirst(2, httpError(500)));
    expect([0, 1, 2, 3].map((attempt) => createMockResponse(flaky, { ...instant, attempt }).status)).toEqual([
      500, 500, 200, 200,
    ]);
  });

  it('answers 200 text/html for a wrong content type', async () => {
    const response = createMockResponse(faultScenarios.wrongContentType, instant);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(await response.text()).toMatch(/<html>/u);
  });
});

describe('createMockResponse: streams', () => {
  it('answers 200 text/event-stream with a request-id', () => {
    const response = createMockResponse(contentScenarios.basic, instant);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('request-id')).toMatch(/^req_01/u);
  });

  it('drops the connection after exactly N bytes', async () => {
    const body = createMockStream(faultScenarios.droppedConnection, { ...instant, chunks: 64 });
    const received: Uint8Array[] = [];
    const reader = body.getReader();
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received.push(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(received.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(1600);
  });

  it('ends without message_stop', async () => {
    const messages = await readSSE(createMockStream(faultScenarios.noMessageStop, instant));
    expect(messages.map((message) => message.event)).toEqual(
      contentScenarios.basic.events.map((event) => event.type).filter((type) => type !== 'message_stop'),
    );
  });

  it('inserts a malformed event after three events', async () => {
    const messages = await readSSE(createMockStream(faultScenarios.malformedEvent, instant));
    expect(messages[3]?.event).toBe('content_block_delta');
    expect(() => JSON.parse(messages[3]?.data ?? '')).toThrow(SyntaxError);
    expect(messages).toHaveLength(contentScenarios.basic.events.length + 1);
  });

  it('inserts one oversized event', async () => {
    const messages = await readSSE(createMockStream(faultScenarios.oversizedEvent, instant));
    const sizes = messages.map((message) => message.data.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(2 * 1024 * 1024 - 64);
    expect(messages.filter((message) => message.data.length > 10_000)).toHaveLength(1);
  });
});

describe('createMockStream: ending', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports completed once the last byte is read', async () => {
    const outcomes: StreamOutcome[] = [];
    await readBytes(
      createMockStream(contentScenarios.basic, { ...instant, onEnd: (outcome) => outcomes.push(outcome) }),
    );
    expect(outcomes).toEqual(['completed']);
  });

  it('reports dropped for a dropConnection fault', async () => {
    const outcomes: StreamOutcome[] = [];
    const body = createMockStream(faultScenarios.droppedConnection, {
      ...instant,
      onEnd: (o) => outcomes.push(o),
    });
    await expect(readBytes(body)).rejects.toThrow(/dropped/u);
    expect(outcomes).toEqual(['dropped']);
  });

  it('stops on abort: the body errors with the reason and no timer is left', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const outcomes: StreamOutcome[] = [];
    const body = createMockStream(contentScenarios.longAnswer, {
      timing: 'realistic',
      signal: controller.signal,
      onEnd: (outcome) => outcomes.push(outcome),
    });
    const reading = readBytes(body);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('user stopped'));
    await expect(reading).rejects.toThrow('user stopped');
    expect(outcomes).toEqual(['aborted']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('errors at once when the signal is already aborted', async () => {
    const body = createMockStream(contentScenarios.basic, {
      ...instant,
      signal: AbortSignal.abort(new Error('early')),
    });
    await expect(readBytes(body)).rejects.toThrow('early');
  });

  it('reports cancelled when the reader cancels, and stops its timers', async () => {
    vi.useFakeTimers();
    const outcomes: StreamOutcome[] = [];
    const body = createMockStream(contentScenarios.longAnswer, {
      timing: 'realistic',
      onEnd: (outcome) => outcomes.push(outcome),
    });
    const reader = body.getReader();
    await reader.read();
    const pending = reader.read();
    await reader.cancel();
    await pending;
    expect(outcomes).toEqual(['cancelled']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
