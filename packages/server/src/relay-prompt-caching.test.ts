import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, startFakeAnthropic, TEST_KEY, TEST_MODEL, jsonPost } from './test/relay-fixture.ts';

describe('createChatHandler: prompt caching', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const upstreamBodies = () => fake.requests.map((request) => request.body as Record<string, unknown>);

  it('asks the API to cache the conversation when cacheControl is set, and only then', async () => {
    const base = { apiKey: TEST_KEY, baseURL: fake.baseURL, model: TEST_MODEL };
    const cached = createChatHandler({ ...base, cacheControl: { type: 'ephemeral', ttl: '1h' } });
    expect(await readMessageStream(await cached(jsonPost(chatBody('basic')))).finalText()).not.toBe('');
    const plain = createChatHandler(base);
    await readMessageStream(await plain(jsonPost(chatBody('basic')))).finalText();
    const [first, second] = upstreamBodies();
    expect(first).toMatchObject({ cache_control: { type: 'ephemeral', ttl: '1h' } });
    expect(second).not.toHaveProperty('cache_control');
  });

  it("refuses a client's own cache_control unless allowedParams lets it, and the server's setting wins", async () => {
    const base = { apiKey: TEST_KEY, baseURL: fake.baseURL, model: TEST_MODEL };
    const asked = { ...chatBody('basic'), cache_control: { type: 'ephemeral', ttl: '1h' } };
    const refused = await createChatHandler(base)(jsonPost(asked));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { message: 'cache_control: this field is not accepted by this server.' },
    });
    const server = createChatHandler({
      ...base,
      allowedParams: ['cache_control'],
      cacheControl: { type: 'ephemeral' },
    });
    await readMessageStream(await server(jsonPost(asked))).finalText();
    expect(upstreamBodies()).toEqual([expect.objectContaining({ cache_control: { type: 'ephemeral' } })]);
  });

  it('checks the option when the handler is made', () => {
    expect(() => createChatHandler({ cacheControl: { type: 'persistent' } as never })).toThrow(
      /cacheControl must be \{ type: 'ephemeral', ttl\?: '5m' \| '1h' \}, got an object/,
    );
    expect(() => createChatHandler({ cacheControl: { type: 'ephemeral', ttl: '1d' } as never })).toThrow(
      TypeError,
    );
  });
});
