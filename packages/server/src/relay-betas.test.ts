import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY, TEST_MODEL } from './test/relay-fixture.ts';

describe('createChatHandler: beta features', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const base = { apiKey: TEST_KEY, model: TEST_MODEL };
  const betaHeaders = () => fake.requests.map((request) => request.headers['anthropic-beta']);

  it('turns on the betas it was given for every request to Anthropic, and none otherwise', async () => {
    const withBetas = createChatHandler({
      ...base,
      baseURL: fake.baseURL,
      betas: ['files-api-2025-04-14', 'context-management-2025-06-27'],
    });
    expect(await readMessageStream(await withBetas(jsonPost(chatBody('basic')))).finalText()).not.toBe('');
    await readMessageStream(await withBetas(jsonPost(chatBody('toolUse')))).finalMessage();
    await readMessageStream(
      await createChatHandler({ ...base, baseURL: fake.baseURL })(jsonPost(chatBody('basic'))),
    ).finalText();
    expect(betaHeaders()).toEqual([
      'files-api-2025-04-14,context-management-2025-06-27',
      'files-api-2025-04-14,context-management-2025-06-27',
      undefined,
    ]);
  });

  it("does not pass a client's own anthropic-beta header on", async () => {
    const relay = createChatHandler({ ...base, baseURL: fake.baseURL });
    const request = new Request(jsonPost(chatBody('basic')), {
      headers: { 'content-type': 'application/json', 'anthropic-beta': 'mcp-client-2025-04-04' },
    });
    await readMessageStream(await relay(request)).finalText();
    expect(betaHeaders()).toEqual([undefined]);
  });

  it('checks the option when the handler is made', () => {
    expect(() => createChatHandler({ betas: 'files-api-2025-04-14' as never })).toThrow(
      'betas must be an array of beta names such as "files-api-2025-04-14", got "files-api-2025-04-14"',
    );
    // One header carries them all, comma-separated: a name may not smuggle in another.
    expect(() => createChatHandler({ betas: ['files-api-2025-04-14,mcp-client-2025-04-04'] })).toThrow(
      TypeError,
    );
    expect(() => createChatHandler({ betas: [''] })).toThrow(TypeError);
  });
});
