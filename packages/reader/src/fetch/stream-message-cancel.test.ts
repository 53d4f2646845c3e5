import { afterEach, expect, it, vi } from 'vitest';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { streamMessage } from './stream-message.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const request = { url: 'https://chat.test/api/chat', body: { max_tokens: 1024, messages: [] } };

/**
 * A relay with resume on: the request gets a kept stream (its id, its first events), and each cancel
 * of it goes to `answerCancel`. Returns the fetch and the stream, stopped once it showed something.
 */
async function stopKeptStream(answerCancel: (init: RequestInit) => Promise<Response>) {
  const body = controlledBody(toSSE(transcripts['text']!.slice(0, 3)));
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    if (new Headers(init?.headers).get('chatstream-cancel') !== null) return answerCancel(init!);
    const response = sseResponse(body.body);
    response.headers.set('chatstream-stream-id', 'stream-1');
    return response;
  });
  const stream = streamMessage(request, { fetch, retry: false });
  await vi.waitFor(() => expect(stream.snapshot).toBeDefined());
  stream.abort();
  await rejection(stream.finalMessage());
  return fetch;
}

it('sends a Stop of a kept stream again once the browser is back online, when it could not go at first', async () => {
  // A page's `window`: what the reader listens to for the network coming back.
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  const cancels: string[] = [];
  let online = false;
  const fetch = await stopKeptStream(async (init) => {
    if (!online) throw new TypeError('Failed to fetch');
    cancels.push(new Headers(init.headers).get('chatstream-cancel')!);
    return new Response(null, { status: 204 });
  });
  await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
  expect(cancels).toEqual([]);

  online = true;
  page.dispatchEvent(new Event('online'));
  await vi.waitFor(() => expect(cancels).toEqual(['stream-1']));
  // Sent: another return online sends nothing more.
  page.dispatchEvent(new Event('online'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(fetch).toHaveBeenCalledTimes(3);
});

it('gives up a Stop of a kept stream whose answer never comes after 10 s and sends it again, online all along', async () => {
  vi.useFakeTimers();
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  const cancels: AbortSignal[] = [];
  await stopKeptStream((init) => {
    cancels.push(init.signal!);
    // The first is sent over a connection that died on the way (the browser never went offline):
    // no answer, ever, unless given up. The next one goes over a new connection.
    if (cancels.length > 1) return Promise.resolve(new Response(null, { status: 204 }));
    return new Promise<Response>((_resolve, reject) =>
      init.signal!.addEventListener('abort', () => reject(init.signal!.reason as Error)),
    );
  });
  await vi.advanceTimersByTimeAsync(0);
  expect(cancels).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(9999);
  expect(cancels[0]!.aborted).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(cancels[0]!.aborted).toBe(true);
  await vi.advanceTimersByTimeAsync(2000);
  expect(cancels).toHaveLength(2);
  // Answered: nothing more is sent, however often the browser comes back online, and no timer is left.
  page.dispatchEvent(new Event('online'));
  await vi.advanceTimersByTimeAsync(60_000);
  expect(cancels).toHaveLength(2);
  expect(vi.getTimerCount()).toBe(0);
});

it('sends a Stop of a kept stream again when the relay could not act on it: a 503 (its store down), a 429 (a rate limiter)', async () => {
  vi.useFakeTimers();
  const answers = [503, 429, 204];
  const sent: number[] = [];
  await stopKeptStream(async () => {
    const status = answers.shift() ?? 204;
    sent.push(status);
    return new Response(status === 204 ? null : 'try later', { status });
  });
  await vi.advanceTimersByTimeAsync(0);
  expect(sent).toEqual([503]);
  await vi.advanceTimersByTimeAsync(2000);
  expect(sent).toEqual([503, 429]);
  await vi.advanceTimersByTimeAsync(4000);
  expect(sent).toEqual([503, 429, 204]);
  // Done: no more tries.
  await vi.advanceTimersByTimeAsync(60_000);
  expect(sent).toEqual([503, 429, 204]);
});

it('stops sending a Stop the relay keeps refusing alike (a 501) after four tries, returns online included', async () => {
  vi.useFakeTimers();
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  let sent = 0;
  await stopKeptStream(async () => {
    sent += 1;
    return new Response('not implemented', { status: 501 });
  });
  await vi.advanceTimersByTimeAsync(60_000);
  expect(sent).toBe(4);
  page.dispatchEvent(new Event('online'));
  await vi.advanceTimersByTimeAsync(60_000);
  expect(sent).toBe(4);
  expect(vi.getTimerCount()).toBe(0);
});

it('sends a Stop again after a 503 that came once back online, however many tries failed offline before', async () => {
  vi.useFakeTimers();
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  let online = false;
  const answers = [503, 204];
  const log: (number | 'failed')[] = [];
  await stopKeptStream(async () => {
    if (!online) {
      log.push('failed');
      throw new TypeError('Failed to fetch');
    }
    const status = answers.shift() ?? 204;
    log.push(status);
    return new Response(null, { status });
  });
  // Offline for a minute: tried at once, then after 2, 4 and 8 s.
  await vi.advanceTimersByTimeAsync(60_000);
  expect(log).toEqual(['failed', 'failed', 'failed', 'failed']);
  online = true;
  page.dispatchEvent(new Event('online'));
  await vi.advanceTimersByTimeAsync(0);
  // The relay restarting answers 503: asked again 2 s later, as for the first try.
  await vi.advanceTimersByTimeAsync(2000);
  expect(log).toEqual(['failed', 'failed', 'failed', 'failed', 503, 204]);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(vi.getTimerCount()).toBe(0);
});

it('sends a Stop again at once when the browser came back online while a try was on its way, and it failed', async () => {
  vi.useFakeTimers();
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  const log: string[] = [];
  await stopKeptStream((init) => {
    // The first try goes over a connection that dies on the way; the next one is answered.
    if (log.push('sent') === 1) {
      return new Promise<Response>((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(init.signal!.reason as Error)),
      );
    }
    return Promise.resolve(new Response(null, { status: 204 }));
  });
  await vi.advanceTimersByTimeAsync(3000);
  // The network changed meanwhile: the browser is back online while the first try still waits.
  page.dispatchEvent(new Event('online'));
  expect(log).toEqual(['sent']);
  await vi.advanceTimersByTimeAsync(7000);
  // Given up at 10 s, and sent again then, not 2 s later.
  expect(log).toEqual(['sent', 'sent']);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(log).toEqual(['sent', 'sent']);
  expect(vi.getTimerCount()).toBe(0);
});
