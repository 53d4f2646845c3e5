// @vitest-environment node
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { contentScenarios, type ContentScenarioName } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { HTTPError, StreamEventError, streamMessage } from '@chatstream/reader';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnthropicClient, ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import { failureOf } from './test/failure-of.ts';
import {
  BEDROCK_MODEL,
  bedrockClient,
  chatBody,
  postRelay,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  waitFor,
  type LoopbackServer,
} from './test/relay-fixture.ts';

// The relay in front of Claude on Amazon Bedrock and on Google Vertex AI, through the platforms'
// own SDKs, against the fake API's Bedrock (binary AWS event stream) and Vertex routes.

const VERTEX_MODEL = 'claude-sonnet-4-5@20250929';

function vertexClient(fake: FakeAnthropicServer): AnthropicClient {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: TEST_KEY });
  return new AnthropicVertex({
    region: 'us-east5',
    projectId: 'my-project',
    baseURL: fake.baseURL,
    authClient,
  });
}

const platforms = [
  { name: 'Amazon Bedrock', client: bedrockClient, model: BEDROCK_MODEL },
  { name: 'Google Vertex AI', client: vertexClient, model: VERTEX_MODEL },
] as const;

const names = Object.keys(contentScenarios) as ContentScenarioName[];

describe.each(platforms)('the relay in front of Claude on $name', (platform) => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  const finished: RelayResult[] = [];

  const start = async (options: Omit<ChatHandlerOptions, 'client'> = {}): Promise<LoopbackServer> =>
    startRelay(
      createChatHandler({
        client: platform.client(fake),
        model: platform.model,
        onFinish: (result) => void finished.push(result),
        ...options,
      }),
    );
  const body = (scenario: string): Record<string, unknown> => chatBody(scenario, { model: platform.model });

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await start();
  });
  afterEach(() => {
    fake.reset();
    finished.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it.each(names)('%s reads as the expected message in the browser', async (name) => {
    const message = await streamMessage({ url: relay.url, body: body(name) }).finalMessage();
    expect(message).toEqual(contentScenarios[name].expectedMessage);
  });

  it("sends Anthropic's SSE with the model named in the platform's way", async () => {
    const { response, text } = await postRelay(relay.url, body('basic'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    expect(text).toMatch(/^event: message_start\ndata: \{"type":"message_start"/mu);
    expect(text).toContain('event: message_stop');
    expect(decodeURIComponent(fake.requests.at(-1)?.path ?? '')).toContain(`/${platform.model}`);
  });

  it('reports the usage of each answer to onFinish', async () => {
    await streamMessage({ url: relay.url, body: body('basic') }).finalMessage();
    await waitFor(() => finished.length === 1);
    const { usage } = contentScenarios.basic.expectedMessage;
    expect(finished[0]).toMatchObject({
      outcome: 'complete',
      message: { usage: { input_tokens: usage.input_tokens, output_tokens: usage.output_tokens } },
    });
  });

  it("gives a rate limit Anthropic's status and type, with the platform's message", async () => {
    const failure = await failureOf(
      streamMessage({ url: relay.url, body: body('rateLimited') }, { retry: false }).finalMessage(),
    );
    expect(failure).toBeInstanceOf(HTTPError);
    expect(failure).toMatchObject({ status: 429, errorType: 'rate_limit_error' });
    // The platform's own words, not the SDK's "429 {…}" of the body.
    expect(failure.message).toMatch(/^HTTP 429 Too Many Requests: [^\d{}][^{}]+$/u);
  });

  it("gives an error in the middle of the stream Anthropic's type, after the text that came", async () => {
    const failure = await failureOf(
      streamMessage({ url: relay.url, body: body('overloadedMidStream') }, { retry: false }).finalMessage(),
    );
    expect(failure).toBeInstanceOf(StreamEventError);
    expect(failure).toMatchObject({ errorType: 'overloaded_error' });
    expect(failure.partial?.message.content.length).toBeGreaterThan(0);
  });

  it('stops the upstream request when the browser stops reading', async () => {
    const slow = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond: 50, jitter: 0 },
    });
    const local = await startRelay(
      createChatHandler({ client: platform.client(slow), model: platform.model }),
    );
    try {
      const stream = streamMessage({ url: local.url, body: body('longAnswer') });
      await new Promise<void>((resolve) => stream.on('text', () => resolve()));
      stream.abort();
      await waitFor(() => slow.requests.at(-1)?.aborted === true || slow.requests.at(-1)?.completed === true);
      expect(slow.requests.at(-1)?.aborted).toBe(true);
    } finally {
      await local.close();
      await slow.close();
    }
  });

  it('relays the plain-text protocol too', async () => {
    const local = await start({ protocol: 'text' });
    try {
      const { text } = await postRelay(local.url, body('basic'));
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      const expected = contentScenarios.basic.expectedMessage.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('');
      const data = [...text.matchAll(/^data: (.*)$/gmu)]
        .map((match) => match[1])
        .filter((line) => line !== '[DONE]');
      expect(data.join('')).toBe(expected);
    } finally {
      await local.close();
    }
  });
});

describe('the relay in front of Amazon Bedrock, its own ways', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await startRelay(createChatHandler({ client: bedrockClient(fake), model: BEDROCK_MODEL }));
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it("passes Bedrock's x-amzn-requestid on as request-id, on a stream and on an error", async () => {
    const { response } = await postRelay(relay.url, chatBody('basic', { model: BEDROCK_MODEL }));
    expect(response.headers.get('request-id')).toMatch(/\w/u);
    const refused = await postRelay(relay.url, chatBody('rateLimited', { model: BEDROCK_MODEL }));
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('request-id')).toMatch(/\w/u);
  });

  it('names Amazon Bedrock, not the Anthropic API, when it cannot be reached', async () => {
    const closed = await startRelay(async () => new Response());
    await closed.close();
    const client = new AnthropicBedrock({
      awsAccessKey: TEST_KEY,
      awsSecretKey: 'test-secret-key',
      awsRegion: 'us-east-1',
      baseURL: new URL(closed.url).origin,
    });
    const unreachable = await startRelay(createChatHandler({ client, model: BEDROCK_MODEL }));
    try {
      const { response, text } = await postRelay(
        unreachable.url,
        chatBody('basic', { model: BEDROCK_MODEL }),
      );
      expect(response.status).toBe(502);
      expect(JSON.parse(text)).toMatchObject({ error: { message: 'Could not reach Amazon Bedrock.' } });
    } finally {
      await unreachable.close();
    }
  });

  /** A relay on Bedrock whose credential provider fails with `problem`, and what its client gets. */
  async function withFailingCredentials(problem: Error) {
    fake.reset();
    const reported: unknown[] = [];
    const client = new AnthropicBedrock({
      awsRegion: 'us-east-1',
      baseURL: fake.baseURL,
      providerChainResolver: async () => async () => {
        throw problem;
      },
    });
    const local = await startRelay(
      createChatHandler({ client, model: BEDROCK_MODEL, onError: (error) => reported.push(error) }),
    );
    try {
      const body = chatBody('basic', { model: BEDROCK_MODEL });
      const failure = await failureOf(
        streamMessage(
          { url: local.url, body },
          { retry: { maxRetries: 1 }, sleep: async () => {} },
        ).finalMessage(),
      );
      return { failure, reported };
    } finally {
      await local.close();
    }
  }

  it('tells the browser, without retries, that the server has no AWS credentials', async () => {
    const { failure, reported } = await withFailingCredentials(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    expect(failure).toMatchObject({
      status: 500,
      errorType: 'authentication_error',
      shouldRetry: false,
      message: expect.stringContaining('The server has no valid credentials for Amazon Bedrock.'),
    });
    // Asked once: no retry, and nothing reached Bedrock.
    expect(reported).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);
  });

  it('lets the browser retry when fetching the credentials failed (the metadata service, say)', async () => {
    const { failure, reported } = await withFailingCredentials(
      new Error('connect ECONNREFUSED 169.254.169.254:80'),
    );
    expect(failure).toMatchObject({
      status: 503,
      errorType: 'api_error',
      message: expect.stringContaining('The server could not get credentials for Amazon Bedrock.'),
    });
    expect(failure).not.toHaveProperty('shouldRetry', false);
    // The first attempt and its retry.
    expect(reported).toHaveLength(2);
  });

  it("names Bedrock's ServiceUnavailableException overloaded_error, as the API's own 529", async () => {
    const { response, text } = await postRelay(relay.url, chatBody('overloaded', { model: BEDROCK_MODEL }));
    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });
});
