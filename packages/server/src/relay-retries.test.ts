import Anthropic from '@anthropic-ai/sdk';
import { scenarios } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY } from './test/relay-fixture.ts';

describe('createChatHandler: retries upstream', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const statuses = (): number[] => fake.requests.map((request) => request.status);
  // The SDK's own default is 2 retries: the relay must not inherit it.
  const injected = (): Anthropic => new Anthropic({ apiKey: TEST_KEY, baseURL: fake.baseURL });

  it('makes none with an injected client unless maxRetries says so, and leaves them to the browser', async () => {
    const handler = createChatHandler({ client: injected() });
    const response = await handler(jsonPost(chatBody('flakyThenOk')));
    expect(response.status).toBe(529);
    expect((await response.json()).error.type).toBe('overloaded_error');
    expect(statuses()).toEqual([529]);
  });

  it('makes none with an injected client created with retries of its own, in both protocols', async () => {
    const client = new Anthropic({ apiKey: TEST_KEY, baseURL: fake.baseURL, maxRetries: 5 });
    for (const protocol of ['anthropic', 'text'] as const) {
      const response = await createChatHandler({ client, protocol })(jsonPost(chatBody('flakyThenOk')));
      expect(response.status).toBe(529);
      await response.body?.cancel();
      expect(statuses()).toEqual([529]);
      fake.reset();
    }
  });

  it('makes as many as maxRetries says, with an injected client or its own', async () => {
    const withClient = createChatHandler({ client: injected(), maxRetries: 2 });
    const relayed = await withClient(jsonPost(chatBody('flakyThenOk')));
    expect(relayed.status).toBe(200);
    expect(await readMessageStream(relayed).finalMessage()).toEqual(scenarios.basic.expectedMessage);
    expect(statuses()).toEqual([529, 529, 200]);

    fake.reset();
    const withKey = createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, maxRetries: 1 });
    expect((await withKey(jsonPost(chatBody('flakyThenOk')))).status).toBe(529);
    expect(statuses()).toEqual([529, 529]);
  });
});
