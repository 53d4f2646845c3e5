import Anthropic from '@anthropic-ai/sdk';
import { contentScenarios, faultScenarios, scenarios } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import {
  type Message,
  ProtocolError,
  readMessageStream,
  streamMessage,
  type TextBlock,
} from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import {
  BEDROCK_MODEL,
  bedrockClient,
  chatBody,
  jsonPost,
  postRelay,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  TEST_MODEL,
  waitFor,
} from './test/relay-fixture.ts';
import { UpstreamErrorEvent } from './upstream-error-event.ts';

/** The text of a message's first block ('' when there is none). */
const firstText = (message: Message | undefined): string =>
  (message?.content[0] as TextBlock | undefined)?.text ?? '';

/** The fake API, and a relay on it whose onFinish results are collected. */
function setup(fakeOptions: Parameters<typeof startFakeAnthropic>[0] = {}, extra: ChatHandlerOptions = {}) {
  const finished: RelayResult[] = [];
  const reported: unknown[] = [];
  let fake: FakeAnthropicServer;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => {
    fake = await startFakeAnthropic(fakeOptions);
    relay = await startRelay(
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        onFinish: (result) => finished.push(result),
        onError: (error) => reported.push(error),
        ...extra,
      }),
    );
  });
  afterEach(() => {
    fake.reset();
    finished.length = 0;
    reported.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });
  return { finished, reported, url: () => relay.url };
}

describe('onFinish: how each relayed request ended, and what it cost', () => {
  const { finished, reported, url } = setup();

  it.each(['basic', 'toolUse', 'thinking', 'webSearch'] as const)(
    '%s: complete, with the whole message and its usage, once',
    async (name) => {
      const { response } = await postRelay(url(), chatBody(name));
      await waitFor(() => finished.length > 0);
      expect(finished).toEqual([
        {
          outcome: 'complete',
          message: contentScenarios[name].expectedMessage,
          requestId: response.headers.get('request-id'),
          model: TEST_MODEL,
          durationMs: expect.any(Number) as number,
          timeToFirstTokenMs: expect.any(Number) as number,
        },
      ]);
      expect(finished[0]?.message?.usage.output_tokens).toBeGreaterThan(0);
      const { durationMs, timeToFirstTokenMs = Number.NaN } = finished[0]!;
      expect(timeToFirstTokenMs).toBeGreaterThan(0);
      expect(timeToFirstTokenMs).toBeLessThanOrEqual(durationMs);
    },
  );

  it('an error event mid-stream: error, with the event and the text so far', async () => {
    await postRelay(url(), chatBody('overloadedMidStream'));
    await waitFor(() => finished.length > 0);
    const [result] = finished;
    expect(result).toMatchObject({ outcome: 'error', error: { type: 'overloaded_error' } });
    // An Error, which a logger prints by its message rather than as "[object Object]".
    expect(result?.error).toBeInstanceOf(UpstreamErrorEvent);
    expect(String(result?.error)).toBe('UpstreamErrorEvent: Overloaded');
    expect(firstText(result?.message).length).toBeGreaterThan(0);
    // No HTTP error, yet a failure to alert on: onError hears it too, once.
    expect(reported).toEqual([result?.error]);
  });

  it('a stream that ends without message_stop: error, with what arrived', async () => {
    await postRelay(url(), chatBody('noMessageStop'));
    await waitFor(() => finished.length > 0);
    expect(finished[0]).toMatchObject({
      outcome: 'error',
      error: { message: 'The stream ended before message_stop' },
    });
    expect(finished[0]?.message?.content.length).toBeGreaterThan(0);
    expect(reported).toEqual([finished[0]?.error]);
  });

  it('a malformed event: error, with the ProtocolError the client also gets and what came before', async () => {
    await postRelay(url(), chatBody('malformedEvent'));
    await waitFor(() => finished.length > 0);
    expect(finished[0]).toMatchObject({ outcome: 'error', error: { kind: 'protocol' } });
    expect(finished[0]?.error).toBeInstanceOf(ProtocolError);
    expect(finished[0]?.message?.id).toBeDefined();
    expect(reported).toEqual([finished[0]?.error]);
  });

  it('a dropped upstream connection: error, with what arrived', async () => {
    await postRelay(url(), chatBody('droppedConnection'));
    await waitFor(() => finished.length > 0);
    expect(finished[0]?.outcome).toBe('error');
    expect(finished[0]?.message?.id).toBe(faultScenarios.droppedConnection.expectedMessage?.id);
    // Reported once, as the relay's stream broke off (not a second time as it ended).
    expect(reported).toHaveLength(1);
  });

  it('an HTTP error from Anthropic: error, no message, its request-id', async () => {
    const { response } = await postRelay(url(), chatBody('rateLimited'));
    expect(response.status).toBe(429);
    await waitFor(() => finished.length > 0);
    expect(finished).toEqual([
      expect.objectContaining({
        outcome: 'error',
        message: undefined,
        requestId: response.headers.get('request-id'),
        durationMs: expect.any(Number) as number,
      }),
    ]);
    expect(finished[0]?.timeToFirstTokenMs).toBeUndefined();
  });

  it('a request the relay refuses never reached Anthropic: no call', async () => {
    const { response } = await postRelay(url(), { messages: 'Hi' });
    expect(response.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toEqual([]);
  });
});

describe('onFinish with the plain-text protocol', () => {
  const { finished, reported, url } = setup({}, { protocol: 'text' });

  it('reports the Anthropic message the text came from', async () => {
    await postRelay(url(), chatBody('longAnswer'));
    await waitFor(() => finished.length > 0);
    expect(finished[0]).toMatchObject({ outcome: 'complete', message: scenarios.longAnswer.expectedMessage });
  });

  it('reports a whole answer with event, block and delta types it does not know as complete, not failed', async () => {
    await postRelay(url(), chatBody('futureEvents'));
    await waitFor(() => finished.length > 0);
    expect(finished[0]).toMatchObject({
      outcome: 'complete',
      message: scenarios.futureEvents.expectedMessage,
    });
    expect(reported).toEqual([]);
  });
});

describe('onFinish when the client leaves', () => {
  // Slow enough that the stream is still running when the client stops it.
  const { finished, reported, url } = setup({
    timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 },
  });

  it('aborted, with the text the client had seen', async () => {
    const stream = streamMessage({ url: url(), body: chatBody('longAnswer') }, { retry: false });
    const textArrived = new Promise<void>((resolve) => stream.on('text', () => resolve()));
    const settled = stream.finalMessage().catch(() => undefined);
    await textArrived;
    stream.abort();
    await settled;
    await waitFor(() => finished.length > 0);
    expect(finished).toHaveLength(1);
    expect(finished[0]?.outcome).toBe('aborted');
    const seen = firstText(stream.snapshot?.message);
    expect(seen.length).toBeGreaterThan(0);
    expect(firstText(finished[0]?.message).startsWith(seen)).toBe(true);
    expect(reported).toEqual([]);
    // message_start counted 1 output token; the estimate adds the text that came after it.
    const relayed = firstText(finished[0]?.message);
    expect(finished[0]?.message?.usage.output_tokens).toBe(1);
    expect(finished[0]?.estimatedOutputTokens).toBe(1 + Math.round(relayed.length / 4));
  });
});

describe("onFinish when the request's signal aborts while the client waits for the next chunk", () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    // Slow enough that the stream is still running when the client leaves.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 } });
  });
  afterAll(() => fake.close());

  it('aborted, and nothing for onError: the failed upstream read is the client leaving, not a failure', async () => {
    const finished: RelayResult[] = [];
    const reported: unknown[] = [];
    const handler = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      onFinish: (result) => finished.push(result),
      onError: (error) => reported.push(error),
    });
    const leaving = new AbortController();
    const request = new Request(jsonPost(chatBody('longAnswer')), { signal: leaving.signal });
    const response = await handler(request);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // A read waits on upstream when the client's connection goes; the body itself is never cancelled.
    const pending = reader.read();
    leaving.abort();
    await pending.catch(() => undefined);
    await waitFor(() => finished.length > 0);
    expect(finished).toEqual([expect.objectContaining({ outcome: 'aborted', model: TEST_MODEL })]);
    expect(finished[0]).not.toHaveProperty('error');
    expect(reported).toEqual([]);
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
  });
});

describe('onFinish when the client left as its reader failed on the stream', () => {
  const { finished, reported, url } = setup({
    timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 },
  });

  it('a malformed event: error with the ProtocolError, not a client that went away', async () => {
    const stream = streamMessage({ url: url(), body: chatBody('malformedEvent') }, { retry: false });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(ProtocolError);
    await waitFor(() => finished.length > 0);
    expect(finished).toEqual([
      expect.objectContaining({ outcome: 'error', error: expect.any(ProtocolError) }),
    ]);
    expect(reported).toEqual([finished[0]?.error]);
  });
});

describe('onFinish when the client left while a retry waited', () => {
  const { finished, reported, url } = setup({}, { maxRetries: 2 });

  it('aborted, with no error: the SDK abort is not a failure', async () => {
    const leaving = new AbortController();
    const response = postRelay(url(), chatBody('rateLimited'), { signal: leaving.signal });
    // rateLimited answers 429 with retry-after: 1, so the relay's SDK waits a second to retry.
    await new Promise((resolve) => setTimeout(resolve, 200));
    leaving.abort();
    await response.catch(() => undefined);
    await waitFor(() => finished.length > 0);
    expect(finished).toEqual([expect.objectContaining({ outcome: 'aborted', model: TEST_MODEL })]);
    expect(finished[0]).not.toHaveProperty('error');
    expect(reported).toEqual([]);
  });
});

describe('a throwing onFinish', () => {
  const { reported, url } = setup(
    {},
    {
      onFinish: () => {
        throw new Error('metrics are down');
      },
    },
  );

  it('is reported to onError and changes nothing the client receives', async () => {
    const message = await streamMessage(
      { url: url(), body: chatBody('basic') },
      { retry: false },
    ).finalMessage();
    expect(message).toEqual(scenarios.basic.expectedMessage);
    await waitFor(() => reported.length > 0);
    expect(reported).toEqual([new Error('metrics are down')]);
  });
});

/**
 * The API's responses, whose body does not end cleanly once every byte came: the connection resets
 * (no last chunk), or stays open (a proxy that keeps it).
 */
function endingBody(end: 'reset' | 'open'): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const reader = response.body!.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (!done) controller.enqueue(value);
        else if (end === 'reset')
          controller.error(new TypeError('terminated', { cause: new Error('read ECONNRESET') }));
        else await new Promise<never>(() => undefined);
      },
    });
    return new Response(body, response);
  };
}

describe('a client that leaves once the message is whole', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(() => fake.close());

  it('is a complete request, not an aborted one (the reader stops at message_stop)', async () => {
    const finished: RelayResult[] = [];
    const relay = await startRelay(
      createChatHandler({
        client: new Anthropic({ baseURL: fake.baseURL, apiKey: TEST_KEY, fetch: endingBody('open') }),
        onFinish: (result) => finished.push(result),
      }),
    );
    try {
      const message = await streamMessage(
        { url: relay.url, body: chatBody('basic') },
        { retry: false },
      ).finalMessage();
      expect(message).toEqual(scenarios.basic.expectedMessage);
      await waitFor(() => finished.length > 0);
      expect(finished).toMatchObject([{ outcome: 'complete', message: scenarios.basic.expectedMessage }]);
    } finally {
      await relay.close();
    }
  });
});

describe('a connection to the API that drops after message_stop', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(() => fake.close());

  const clients = {
    Anthropic: () => new Anthropic({ baseURL: fake.baseURL, apiKey: TEST_KEY, fetch: endingBody('reset') }),
    // Bedrock's message_stop carries its invocation metrics: a longer last event.
    'Amazon Bedrock': () => bedrockClient(fake, endingBody('reset')),
  };
  it.each([
    ['Anthropic', false],
    ['Anthropic', true],
    ['Amazon Bedrock', false],
  ] as const)(
    '%s: relays the whole answer with no error after it, complete (resume: %s)',
    async (platform, resume) => {
      const finished: RelayResult[] = [];
      const reported: unknown[] = [];
      const handler = createChatHandler({
        client: clients[platform](),
        ...(platform === 'Amazon Bedrock' ? { model: BEDROCK_MODEL } : {}),
        resume,
        onFinish: (result) => finished.push(result),
        onError: (error) => reported.push(error),
      });
      const body = chatBody('basic', platform === 'Amazon Bedrock' ? { model: BEDROCK_MODEL } : {});
      const relayed = await (await handler(jsonPost(body))).text();
      expect(relayed).not.toContain('event: error');
      const message = await readMessageStream(new Blob([relayed]).stream()).finalMessage();
      expect(message.content).toEqual(scenarios.basic.expectedMessage.content);
      await waitFor(() => finished.length > 0);
      expect(finished).toMatchObject([{ outcome: 'complete' }]);
      expect(reported).toEqual([]);
    },
  );
});
