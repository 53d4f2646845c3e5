import { faultScenarios, httpError, scenarios, withFaults } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { parseSSEStream, streamMessage } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  fetchDirect,
  postRelay,
  sameBytes,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';
import { failureOf } from './test/failure-of.ts';

const httpFaults = [
  'badRequest',
  'promptTooLong',
  'notFound',
  'requestTooLarge',
  'rateLimited',
  'serverError',
  'overloaded',
] as const;

async function eventsOf(text: string): Promise<{ event: string; data: string }[]> {
  const events: { event: string; data: string }[] = [];
  const chunks = (async function* () {
    yield text;
  })();
  for await (const { event, data } of parseSSEStream(chunks)) events.push({ event, data });
  return events;
}

describe('relaying faults', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  const reported: unknown[] = [];

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await startRelay(
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        onError: (error) => reported.push(error),
      }),
    );
  });
  afterEach(() => {
    fake.reset();
    reported.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it.each(httpFaults)('%s keeps the upstream status, JSON body and request-id', async (name) => {
    const direct = await fetchDirect(fake, name);
    const relayed = await postRelay(relay.url, chatBody(name));
    expect(relayed.response.status).toBe(direct.response.status);
    expect(relayed.response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(relayed.text)).toEqual({
      ...JSON.parse(direct.text),
      request_id: relayed.response.headers.get('request-id'),
    });
    expect(relayed.text).not.toContain('stack');
    expect(reported).toHaveLength(1);
  });

  it.each([
    ['unauthorized', 401, faultScenarios.unauthorized],
    [
      'forbidden',
      403,
      withFaults(scenarios.basic, httpError(403), { name: 'forbidden', description: '403' }),
    ],
  ] as const)(
    "answers the API refusing the server's own key (%s) with a 500 its client does not retry",
    async (name, upstreamStatus, refused) => {
      fake.use(refused);
      const body = chatBody(name, { messages: [{ role: 'user', content: 'Hello' }] });
      const direct = await fetchDirect(fake, name);
      expect(direct.response.status).toBe(upstreamStatus);
      fake.reset();
      fake.use(refused);
      const relayed = await postRelay(relay.url, body);
      expect(relayed.response.status).toBe(500);
      expect(relayed.response.headers.get('x-should-retry')).toBe('false');
      // The API's own words and type stay, for the error notice and the server's logs.
      expect(JSON.parse(relayed.text)).toEqual({
        ...JSON.parse(direct.text),
        request_id: relayed.response.headers.get('request-id'),
      });
      expect(reported).toEqual([expect.objectContaining({ status: upstreamStatus })]);

      fake.reset();
      fake.use(refused);
      const error = await failureOf(
        streamMessage(
          { url: relay.url, body },
          { retry: { maxRetries: 2 }, sleep: () => Promise.resolve() },
        ).finalMessage(),
      );
      expect(error).toMatchObject({ kind: 'http', status: 500, shouldRetry: false });
      expect(fake.requests).toHaveLength(1);
    },
  );

  it('passes retry-after through with a 429', async () => {
    const { response } = await postRelay(relay.url, chatBody('rateLimited'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers an upstream error page that is not JSON with its status text, not the page', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    fake.use(withFaults(scenarios.basic, httpError(502, { body: page, contentType: 'text/html' })));
    const body = chatBody('basic', { messages: [{ role: 'user', content: 'Hello' }] });
    const { response, text } = await postRelay(relay.url, body);
    expect(response.status).toBe(502);
    expect(response.headers.get('request-id')).toMatch(/^req_/u);
    expect(JSON.parse(text)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'Upstream error 502: Bad Gateway.' },
    });
  });

  it("passes the API's x-should-retry through, and the client behind the relay follows it", async () => {
    fake.use(withFaults(scenarios.basic, httpError(503, { shouldRetry: false })));
    const body = chatBody('basic', { messages: [{ role: 'user', content: 'Hello' }] });
    const { response } = await postRelay(relay.url, body);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const error = await failureOf(
      streamMessage(
        { url: relay.url, body },
        { retry: { maxRetries: 2 }, sleep: () => Promise.resolve() },
      ).finalMessage(),
    );
    expect(error).toMatchObject({ kind: 'http', status: 503, shouldRetry: false });
    expect(fake.requests).toHaveLength(2);
  });

  it('makes no retries of its own, so the client can recover from flakyThenOk', async () => {
    const first = await postRelay(relay.url, chatBody('flakyThenOk'));
    expect(first.response.status).toBe(529);
    fake.reset();
    const message = await streamMessage(
      { url: relay.url, body: chatBody('flakyThenOk') },
      { retry: { maxRetries: 2 }, sleep: () => Promise.resolve() },
    ).finalMessage();
    expect(message).toEqual(scenarios.basic.expectedMessage);
    expect(fake.requests.map((request) => request.status)).toEqual([529, 529, 200]);
  });

  it('relays a mid-stream error event unchanged', async () => {
    const direct = await fetchDirect(fake, 'overloadedMidStream');
    const relayed = await postRelay(relay.url, chatBody('overloadedMidStream'));
    expect(relayed.text).toBe(direct.text);
    expect(sameBytes(relayed.bytes, direct.bytes)).toBe(true);
    const error = await failureOf(
      streamMessage(
        { url: relay.url, body: chatBody('overloadedMidStream') },
        { retry: false },
      ).finalMessage(),
    );
    expect(error).toMatchObject({ kind: 'stream-event', errorType: 'overloaded_error' });
  });

  it('ends a dropped upstream connection with an in-band error after the last whole event', async () => {
    const direct = await fetchDirect(fake, 'longAnswer');
    const relayed = await postRelay(relay.url, chatBody('droppedConnection'));
    expect(relayed.response.status).toBe(200);
    const errorAt = relayed.text.lastIndexOf('event: error\n');
    expect(errorAt).toBeGreaterThan(0);
    expect(direct.text.startsWith(relayed.text.slice(0, errorAt))).toBe(true);
    expect(relayed.text.slice(0, errorAt)).toMatch(/\n\n$/u);
    const events = await eventsOf(relayed.text);
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({
        type: 'error',
        error: { type: 'api_error', message: 'The connection to the Anthropic API failed.' },
      }),
    });
    expect(reported).toHaveLength(1);
    const error = await failureOf(
      streamMessage({ url: relay.url, body: chatBody('droppedConnection') }, { retry: false }).finalMessage(),
    );
    expect(error).toMatchObject({ kind: 'stream-event', errorType: 'api_error' });
  });

  it.each(['noMessageStop', 'malformedEvent', 'oversizedEvent'] as const)(
    '%s passes through byte for byte (the client judges it)',
    async (name) => {
      const direct = await fetchDirect(fake, name);
      const relayed = await postRelay(relay.url, chatBody(name));
      expect(relayed.response.status).toBe(200);
      expect(relayed.text).toBe(direct.text);
      expect(sameBytes(relayed.bytes, direct.bytes)).toBe(true);
    },
  );

  it('turns a non-stream 200 (wrongContentType) into a 502 api_error the browser does not ask again', async () => {
    const { response, text } = await postRelay(relay.url, chatBody('wrongContentType'));
    expect(response.status).toBe(502);
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    // Upstream answered: a retry could be paid again.
    expect(response.headers.get('x-should-retry')).toBe('false');
    const before = fake.requests.length;
    const stream = streamMessage({ url: relay.url, body: chatBody('wrongContentType') });
    await expect(stream.finalMessage()).rejects.toMatchObject({ kind: 'http', status: 502 });
    expect(fake.requests.length - before).toBe(1);
    await fake.settled();
    expect(fake.requests.at(-1)?.completed === true || fake.requests.at(-1)?.aborted === true).toBe(true);
  });

  it('every fault scenario is covered here', () => {
    const covered = new Set<string>([
      ...httpFaults,
      'unauthorized',
      'flakyThenOk',
      'overloadedMidStream',
      'droppedConnection',
      'stalled',
      'noMessageStop',
      'malformedEvent',
      'oversizedEvent',
      'wrongContentType',
    ]);
    expect(Object.keys(faultScenarios).filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe('pings while upstream is idle', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await startRelay(
      createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, pingIntervalMs: 40 }),
    );
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('sends Anthropic ping events between events during a stall, then aborts upstream on stop', async () => {
    const controller = new AbortController();
    const response = await fetch(relay.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('stalled')),
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while ((text.match(/event: ping\n/gu) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text.startsWith('event: message_start\n')).toBe(true);
    const events = await eventsOf(text);
    expect(
      events.slice(1).every((event) => event.event === 'ping' && JSON.parse(event.data).type === 'ping'),
    ).toBe(true);
    controller.abort();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ scenario: 'stalled', aborted: true, completed: false });
  });
});

describe('pings by default', () => {
  let fake: FakeAnthropicServer;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => {
    await fake.close();
  });

  it.each([true, false])(
    'pings a quiet stream before Bun.serve closes it for 10 s of silence (its default idleTimeout), resume %s',
    async (resume) => {
      let answer!: (text: string) => void;
      const silence = new Promise<string>((resolve) => (answer = resolve));
      const handler = createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, resume });
      const quiet = await startRelay(handler);
      // The relay's clock can jump ahead; it runs at real speed otherwise, so the sockets go on.
      const wait = setTimeout;
      vi.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
        shouldAdvanceTime: true,
      });
      try {
        const response = await fetch(quiet.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(chatBody('stalled')),
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        while (!text.includes('event: message_start\n')) text += (await reader.read()).value ?? '';
        reader.read().then(
          ({ value }) => answer(value ?? ''),
          () => undefined,
        );
        await vi.advanceTimersByTimeAsync(9_000);
        wait(() => answer('nothing within 9 s'), 2_000);
        expect(await silence).toMatch(/^event: ping\n/u);
        await reader.cancel();
      } finally {
        vi.useRealTimers();
        await quiet.close();
      }
    },
  );
});
