import fc from 'fast-check';
import { createMockResponse, scenario, scenarios } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readTextStream, streamMessage } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  postRelay,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';

const normalise = (text: string): string => text.replaceAll(/\r\n?/gu, '\n');

const piece = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', ' ', '[DONE]', '😀'),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
  ),
  minLength: 1,
  maxLength: 12,
});

describe("protocol: 'text'", () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await startRelay(
      createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, protocol: 'text' }),
    );
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('streams data: lines and ends with [DONE]', async () => {
    const { response, text } = await postRelay(relay.url, chatBody('basic'));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    expect(text.startsWith('data: ')).toBe(true);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).not.toContain('event:');
  });

  it.each(['basic', 'longAnswer', 'toolUse', 'thinking', 'webSearch', 'unicode', 'futureEvents'] as const)(
    '%s reads back as the SDK finalText() through streamMessage',
    async (name) => {
      const text = await streamMessage(
        { url: relay.url, body: chatBody(name) },
        { protocol: 'text' },
      ).finalText();
      expect(text).toBe(normalise(scenarios[name].expectedText));
    },
  );

  it('round-trips arbitrary text cut into arbitrary deltas, as the mocks send it (fast-check, through HTTP)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), async (pieces) => {
        const served = scenario('text-roundtrip')
          .text(pieces.join(''), { chunking: pieces })
          .stop('end_turn');
        fake.use(served);
        const response = await fetch(relay.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-6',
            max_tokens: 100,
            messages: [{ role: 'user', content: 'go' }],
          }),
        });
        const relayed = await response.text();
        // @chatstream/mocks imitates this protocol (without sharing its code): the same bytes.
        const mocked = createMockResponse(served, { protocol: 'text', timing: 'instant' });
        expect(relayed).toBe(await mocked.text());
        const text = await readTextStream(new Blob([relayed]).stream()).finalText();
        expect(text).toBe(normalise(pieces.join('')));
      }),
      { numRuns: 40 },
    );
  });

  it('reports a mid-stream error in band and sends no [DONE]', async () => {
    const { text } = await postRelay(relay.url, chatBody('overloadedMidStream'));
    expect(text).toMatch(/event: error\ndata: Overloaded\n\n$/u);
    expect(text).not.toContain('[DONE]');
    const error = await streamMessage(
      { url: relay.url, body: chatBody('overloadedMidStream') },
      { protocol: 'text', retry: false },
    )
      .finalText()
      .catch((failure: unknown) => failure);
    expect(error).toMatchObject({ kind: 'stream-event', message: 'Overloaded' });
  });

  it('sends no [DONE] when the upstream message never completed', async () => {
    const { text } = await postRelay(relay.url, chatBody('noMessageStop'));
    expect(text).not.toContain('[DONE]');
  });

  it('keeps an idle stream alive with comment pings, which produce no text', async () => {
    const handler = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      protocol: 'text',
      pingIntervalMs: 30,
    });
    const response = await handler(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatBody('stalled')),
      }),
    );
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while ((text.match(/: ping\n\n/gu) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toMatch(/^(: ping\n\n)+$/u);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true });
  });

  it('keeps HTTP errors as JSON errors with their status', async () => {
    const { response, text } = await postRelay(relay.url, chatBody('rateLimited'));
    expect(response.status).toBe(429);
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });
});
