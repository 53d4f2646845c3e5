import { streamMessage } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { scenario } from '../builder.ts';
import { contentScenarios } from '../catalogue-content.ts';
import { createChatHandlers } from './chat-handlers.ts';
import { canStreamFromWorker, createInPageFetch } from './in-page-fetch.ts';

/** Two sentences half a second apart. */
const paused = scenario('paused', { description: 'Text, a pause, more text.' })
  .text('Before the pause. ')
  .pause(500)
  .text('After it.')
  .stop('end_turn');

describe('chat.fetch (the handlers answering in the page, with no worker)', () => {
  it('streams: the first words arrive a pause before the last, and the answer is whole', async () => {
    vi.useFakeTimers();
    try {
      const chat = createChatHandlers();
      chat.use(paused);
      const stream = streamMessage(
        { url: 'http://localhost:5173/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }] } },
        { fetch: chat.fetch },
      );
      const texts: string[] = [];
      stream.on('text', (delta) => texts.push(delta));
      const message = stream.finalMessage();
      // Past the time to first token, not yet past the pause: buffered whole, no words would show.
      await vi.advanceTimersByTimeAsync(1_000);
      expect(texts.join('')).toBe('Before the pause. ');
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await message).toEqual(paused.expectedMessage);
      expect(chat.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops the answer when the request is aborted', async () => {
    const chat = createChatHandlers({ timing: 'realistic' });
    chat.use(contentScenarios.longAnswer);
    const stream = streamMessage(
      { url: 'http://localhost:5173/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }] } },
      { fetch: chat.fetch },
    );
    await new Promise((resolve) => stream.on('text', resolve));
    stream.abort();
    await chat.settled();
    expect(chat.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('hands a request the handlers do not answer to the page’s fetch, unread', async () => {
    const page = vi.fn<typeof fetch>(async (input) => new Response(await (input as Request).text()));
    const chat = createChatHandlers();
    const response = await createInPageFetch(chat.handlers, page)('http://localhost/other', {
      method: 'POST',
      body: 'kept',
    });
    expect(await response.text()).toBe('kept');
    expect(page).toHaveBeenCalledTimes(1);
    expect(chat.requests).toHaveLength(0);
  });

  it('knows whether a worker can stream to this runtime (Node transfers streams)', () => {
    expect(canStreamFromWorker()).toBe(true);
  });

  it('can be installed as the page’s fetch: what it does not answer goes to the fetch it replaced', async () => {
    const original = globalThis.fetch;
    const page = vi.fn<typeof fetch>(async () => new Response('from the page'));
    globalThis.fetch = page;
    try {
      const chat = createChatHandlers();
      globalThis.fetch = chat.fetch;
      const response = await fetch('http://localhost/other');
      expect(await response.text()).toBe('from the page');
      expect(page).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.fetch = original;
    }
  });
});
