import { afterEach, expect, it, vi } from 'vitest';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { streamMessage } from './stream-message.ts';

afterEach(() => vi.unstubAllGlobals());

const request = { url: 'https://chat.test/api/chat', body: { max_tokens: 1024, messages: [] } };

it('sends a Stop of a kept stream again once the browser is back online, when it could not go at first', async () => {
  // A page's `window`: what the reader listens to for the network coming back.
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  const cancels: string[] = [];
  let online = false;
  const body = controlledBody(toSSE(transcripts['text']!.slice(0, 3)));
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    const cancel = new Headers(init?.headers).get('chatstream-cancel');
    if (cancel === null) {
      const response = sseResponse(body.body);
      response.headers.set('chatstream-stream-id', 'stream-1');
      return response;
    }
    if (!online) throw new TypeError('Failed to fetch');
    cancels.push(cancel);
    return new Response(null, { status: 204 });
  });
  const stream = streamMessage(request, { fetch, retry: false });
  await vi.waitFor(() => expect(stream.snapshot).toBeDefined());
  stream.abort();
  await rejection(stream.finalMessage());
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
