import { contentScenarios, type ContentScenarioName } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { streamMessage } from '@chatstream/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const names = Object.keys(contentScenarios) as ContentScenarioName[];

describe('relaying every content scenario', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    relay = await startRelay(createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it.each(names)('%s arrives byte for byte as Anthropic sent it', async (name) => {
    const direct = await fetchDirect(fake, name);
    const relayed = await postRelay(relay.url, chatBody(name));
    expect(relayed.response.status).toBe(200);
    expect(relayed.text).toBe(direct.text);
    expect(sameBytes(relayed.bytes, direct.bytes)).toBe(true);
  });

  it.each(names)('%s reads as the expected message through streamMessage', async (name) => {
    const message = await streamMessage({ url: relay.url, body: chatBody(name) }).finalMessage();
    expect(message).toEqual(contentScenarios[name].expectedMessage);
  });

  it('sends the streaming headers and passes request-id through', async () => {
    const { response } = await postRelay(relay.url, chatBody('basic'));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^req_/u);
  });

  it('fills in the model and max_tokens the server chose and forces stream: true', async () => {
    fake.reset();
    const local = await startRelay(
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        model: 'claude-haiku-4-5',
        defaultMaxTokens: 300,
      }),
    );
    try {
      const { response } = await postRelay(local.url, { messages: [{ role: 'user', content: 'basic' }] });
      expect(response.status).toBe(200);
      expect(fake.requests.at(-1)?.body).toMatchObject({
        model: 'claude-haiku-4-5',
        max_tokens: 300,
        stream: true,
      });
    } finally {
      await local.close();
    }
  });

  it('sends the server system prompt', async () => {
    fake.reset();
    const local = await startRelay(
      createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, system: 'Be brief.' }),
    );
    try {
      await postRelay(local.url, chatBody('basic'));
      expect(fake.requests.at(-1)?.body).toMatchObject({ system: 'Be brief.' });
    } finally {
      await local.close();
    }
  });
});
