import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledBody, type ControlledBody } from '../test/msw-sse.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { createChatSession } from '../session/chat-session.ts';
import { createRequestQueue } from './request-queue.ts';
import { streamMessage } from './stream-message.ts';

afterEach(() => vi.useRealTimers());

const ANSWER = toSSE(transcripts['text']!);

/** A fetch whose answers the test ends by hand, one body per request, in the order sent. */
function heldFetch(): { fetch: typeof fetch; bodies: ControlledBody[] } {
  const bodies: ControlledBody[] = [];
  const fetch = (async () => {
    const body = controlledBody();
    bodies.push(body);
    return new Response(body.body, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof globalThis.fetch;
  return { fetch, bodies };
}

describe('createRequestQueue', () => {
  it('gives places in the order asked, and each back once', async () => {
    const queue = createRequestQueue(2);
    const order: string[] = [];
    const first = await queue.acquire();
    const second = await queue.acquire();
    const third = queue.acquire().then((release) => (order.push('third'), release));
    const fourth = queue.acquire().then((release) => (order.push('fourth'), release));
    expect([queue.running, queue.waiting]).toEqual([2, 2]);
    first();
    first();
    await third;
    expect(order).toEqual(['third']);
    expect([queue.running, queue.waiting]).toEqual([2, 1]);
    second();
    (await fourth)();
    (await third)();
    expect(order).toEqual(['third', 'fourth']);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('lets a wait that is aborted leave its place in line to the next', async () => {
    const queue = createRequestQueue(1);
    const release = await queue.acquire();
    const controller = new AbortController();
    const leaving = queue.acquire(controller.signal);
    const staying = queue.acquire();
    controller.abort(new Error('left'));
    await expect(leaving).rejects.toThrow('left');
    expect(queue.waiting).toBe(1);
    release();
    await staying;
    expect(queue.running).toBe(1);
  });

  it('refuses a concurrency that is not a whole number of places, or none', () => {
    expect(() => createRequestQueue(0)).toThrow(RangeError);
    expect(() => createRequestQueue(1.5)).toThrow(RangeError);
    expect(() => createRequestQueue(undefined as never)).toThrow(TypeError);
  });

  it('rejects, rather than throws, a wait whose signal was already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const waiting = createRequestQueue(1).acquire(controller.signal);
    await expect(waiting).rejects.toThrow('gone');
  });
});

describe('streamMessage with a requestQueue', () => {
  it('sends a request once a place is free, and starts its clocks then', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const { fetch, bodies } = heldFetch();
    const requestQueue = createRequestQueue(1);
    const options = { fetch, requestQueue, now: () => clock };
    const first = streamMessage({ url: 'http://127.0.0.1/api/chat' }, options);
    const second = streamMessage(
      { url: 'http://127.0.0.1/api/chat' },
      { ...options, totalTimeoutMs: 1_000, headersTimeoutMs: 500 },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies).toHaveLength(1);

    // The first answer takes longer than the second's timeouts allow it: its wait counts in neither.
    clock = 1_500;
    bodies[0]!.send(ANSWER.slice(0, 40));
    await vi.advanceTimersByTimeAsync(1_500);
    bodies[0]!.send(ANSWER.slice(40));
    bodies[0]!.close();
    await first.finalMessage();
    expect(requestQueue.waiting).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies).toHaveLength(2);

    clock = 1_600;
    bodies[1]!.send(ANSWER);
    bodies[1]!.close();
    expect((await second.finalMessage()).content).toEqual((await first.finalMessage()).content);
    // Its time to first token counts from its place, not from the queue.
    expect(second.stats.timeToFirstTokenMs).toBe(100);
    expect(requestQueue.running).toBe(0);
  });

  it('ends a stream stopped while it waits as aborted, without a request', async () => {
    const { fetch, bodies } = heldFetch();
    const requestQueue = createRequestQueue(1);
    const first = streamMessage({ url: 'http://127.0.0.1/api/chat' }, { fetch, requestQueue });
    const waiting = streamMessage({ url: 'http://127.0.0.1/api/chat' }, { fetch, requestQueue });
    await vi.waitFor(() => expect(requestQueue.waiting).toBe(1));
    waiting.abort();
    await expect(waiting.finalMessage()).rejects.toMatchObject({ kind: 'abort' });
    expect(requestQueue.waiting).toBe(0);
    first.abort();
    await first.finalMessage().catch(() => undefined);
    expect(bodies).toHaveLength(1);
    expect(requestQueue.running).toBe(0);
  });

  it('makes chat sessions sharing one take turns', async () => {
    const { fetch, bodies } = heldFetch();
    const requestQueue = createRequestQueue(1);
    const options = {
      api: 'http://127.0.0.1/api/chat',
      fetch,
      requestQueue,
      throttle: false,
      retry: false,
    } as const;
    const [first, second] = [createChatSession(options), createChatSession(options)];
    const sending = [first.send('One'), second.send('Two')];
    await vi.waitFor(() => expect(requestQueue.waiting).toBe(1));
    expect(bodies).toHaveLength(1);
    expect(second.getSnapshot().status).toBe('submitted');
    bodies[0]!.send(ANSWER);
    bodies[0]!.close();
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    bodies[1]!.send(ANSWER);
    bodies[1]!.close();
    await Promise.all(sending);
    expect([first.getSnapshot().status, second.getSnapshot().status]).toEqual(['ready', 'ready']);
  });

  it('refuses a queue that is none', () => {
    expect(() => streamMessage({ url: 'http://127.0.0.1/' }, { requestQueue: 5 as never })).toThrow(
      new TypeError('requestQueue.acquire must be a function, got undefined'),
    );
  });
});
