import { contentScenarios, scenarios } from '@chatstream/mocks';
import fc from 'fast-check';
import { AbortError, ConnectionError, streamMessage } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import { flakyFetch } from './test/flaky-fetch.ts';
import { chatBody, startFakeAnthropic, startRelay, TEST_KEY, useRelayOnFake } from './test/relay-fixture.ts';

const noWait = (): Promise<void> => Promise.resolve();

describe('streamMessage through a relay with resume', () => {
  const relay = useRelayOnFake(
    { resume: { graceMs: 60_000, ttlMs: 60_000 } },
    { timing: { timeToFirstToken: 5, tokensPerSecond: 300, jitter: 0 } },
  );

  it('reads on where the connection dropped: the whole answer, each delta once, one upstream request', async () => {
    const { fetch, sent } = flakyFetch([700, 900, 1200]);
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { fetch, retry: false });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const message = await stream.finalMessage();

    expect(message).toEqual(scenarios.longAnswer.expectedMessage);
    expect(text).toBe(scenarios.longAnswer.expectedText);
    expect(sent).toHaveLength(4);
    const id = stream.response?.headers.get('chatstream-stream-id');
    expect(id).toMatch(/^[\da-f-]{36}$/u);
    for (const resume of sent.slice(1)) {
      expect(resume.headers.get('chatstream-resume')).toBe(id);
      expect(Number(resume.headers.get('last-event-id'))).toBeGreaterThan(0);
      // Typed, though it has no body: a POST of no type passes for a cross-site form (Astro refuses it).
      expect(resume.headers.get('content-type')).toBe('application/json');
    }
    await relay.fake.settled();
    expect(relay.fake.requests).toHaveLength(1);
    expect(relay.fake.requests[0]).toMatchObject({ completed: true, aborted: false });
  });

  it('keeps trying while the network is down, then reads on', async () => {
    const { fetch, sent } = flakyFetch([800], 3);
    const stream = streamMessage(
      { url: relay.url, body: chatBody('toolUse'), headers: { authorization: 'Bearer t' } },
      { fetch, retry: false, sleep: noWait },
    );
    expect(await stream.finalMessage()).toEqual(scenarios.toolUse.expectedMessage);
    expect(sent).toHaveLength(5);
    // The resume carries the request's own headers (a session cookie or token).
    expect(sent.at(-1)?.headers.get('authorization')).toBe('Bearer t');
  });

  it('gives up after five resumes in a row that bring no new event', async () => {
    const { fetch, sent } = flakyFetch([700, 0, 0, 0, 0, 0, 0, 0]);
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { fetch, retry: false });
    const error = await stream.finalMessage().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConnectionError);
    // The request and five resumes; no cancel: the relay goes on, so that Retry can read on.
    expect(sent).toHaveLength(6);
    expect(sent.some(({ headers }) => headers.has('chatstream-cancel'))).toBe(false);
  });

  it('gives each resume headersTimeoutMs, and gives up when none answers', async () => {
    const { fetch, sent } = flakyFetch([700], 0, true);
    const stream = streamMessage(
      { url: relay.url, body: chatBody('longAnswer') },
      { fetch, retry: false, headersTimeoutMs: 50, sleep: noWait },
    );
    const error = await stream.finalMessage().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).partial?.message.content.length).toBeGreaterThan(0);
    expect(sent.filter(({ headers }) => headers.has('chatstream-resume'))).toHaveLength(6);
  });

  it('cancels upstream at once when the user stops, although the relay would wait for a resume', async () => {
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { retry: false });
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    stream.abort();
    await stream.finalMessage().catch(() => undefined);
    await relay.fake.settled();
    expect(relay.fake.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('ends as stopped, not cut off, for whoever reads on a stream the user stopped (another tab, the answer reopened)', async () => {
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { retry: false });
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    const id = stream.response!.headers.get('chatstream-stream-id')!;
    stream.abort();
    await stream.finalMessage().catch(() => undefined);
    await relay.fake.settled();

    const reopened = streamMessage(
      { url: relay.url, headers: { 'chatstream-resume': id } },
      { retry: false },
    );
    const error = await reopened.finalMessage().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AbortError);
    expect(reopened.status).toBe('aborted');
    // What came before the Stop, as a stop leaves it.
    expect(reopened.snapshot?.message.content.length).toBeGreaterThan(0);
    expect(reopened.snapshot?.complete).toBe(false);
  });

  it('fails with the connection error, keeping what arrived, when the relay no longer has the stream', async () => {
    const { fetch } = flakyFetch([700]);
    const wrongId: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has('chatstream-resume')) headers.set('chatstream-resume', 'expired');
      return fetch(input, { ...init, headers });
    };
    const stream = streamMessage(
      { url: relay.url, body: chatBody('longAnswer') },
      { fetch: wrongId, retry: false },
    );
    const error = await stream.finalMessage().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).partial?.message.content.length).toBeGreaterThan(0);
  });
});

describe('streamMessage through a relay without resume', () => {
  it('fails a dropped connection as before, sending no resume', async () => {
    const fake = await startFakeAnthropic();
    const relay = await startRelay(createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
    try {
      const { fetch, sent } = flakyFetch([700]);
      const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { fetch, retry: false });
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(ConnectionError);
      expect(sent).toHaveLength(1);
    } finally {
      await relay.close();
      await fake.close();
    }
  });
});

describe('resume with the plain-text protocol and onFinish', () => {
  it('reads a text stream on after a drop, and reports the request once, complete', async () => {
    const fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond: 300, jitter: 0 },
    });
    const finished: RelayResult[] = [];
    const relay = await startRelay(
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        protocol: 'text',
        resume: true,
        onFinish: (result) => finished.push(result),
      }),
    );
    try {
      const { fetch, sent } = flakyFetch([300]);
      const stream = streamMessage(
        { url: relay.url, body: chatBody('longAnswer') },
        { fetch, retry: false, protocol: 'text' },
      );
      expect(await stream.finalText()).toBe(scenarios.longAnswer.expectedText);
      expect(sent).toHaveLength(2);
      await fake.settled();
      expect(finished).toHaveLength(1);
      // With the stream's id, which ties a saved answer (its streamId) to what it cost.
      expect(finished[0]).toMatchObject({
        outcome: 'complete',
        streamId: stream.response?.headers.get('chatstream-stream-id'),
      });
      expect(finished[0]?.streamId).toMatch(/^[\da-f-]{36}$/);
    } finally {
      await relay.close();
      await fake.close();
    }
  });
});

describe('resume under random cuts (property)', () => {
  const relay = useRelayOnFake(
    { resume: { graceMs: 60_000, ttlMs: 60_000 } },
    { timing: { timeToFirstToken: 2, tokensPerSecond: 3000, jitter: 0.3 } },
  );
  // Every well-formed scenario of the catalogue: text, tools, thinking, citations, server tools, …
  const names = Object.keys(contentScenarios) as (keyof typeof contentScenarios)[];

  it('ends with the expected message and each delta once, wherever and however often the connection drops', async () => {
    let resumedRuns = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 3 }),
        async (name, cuts) => {
          relay.fake.reset();
          const { fetch, sent } = flakyFetch([...cuts]);
          const stream = streamMessage({ url: relay.url, body: chatBody(name) }, { fetch, retry: false });
          const deltas: string[] = [];
          stream.on('text', (delta) => deltas.push(delta));
          expect(await stream.finalMessage()).toEqual(contentScenarios[name].expectedMessage);
          expect(deltas.join('')).toBe(
            contentScenarios[name].expectedMessage.content
              .filter((block) => block.type === 'text')
              .map((block) => block['text'])
              .join(''),
          );
          await relay.fake.settled();
          expect(relay.fake.requests).toHaveLength(1);
          if (sent.length > 1) resumedRuns += 1;
        },
      ),
      { numRuns: Number(process.env['RUNS'] ?? 40) },
    );
    // The cuts fell inside the streams often enough to mean something.
    expect(resumedRuns).toBeGreaterThan(Number(process.env['RUNS'] ?? 40) / 4);
  }, 120_000);
});
