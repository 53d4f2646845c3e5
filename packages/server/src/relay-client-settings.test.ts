import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AllowedToolDefinition } from './allowed-tools.ts';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY, TEST_MODEL } from './test/relay-fixture.ts';

const hour = { type: 'ephemeral', ttl: '1h' } as const;
const weather = { name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } };
const pinnedSearch: AllowedToolDefinition = {
  type: 'web_search_20250305',
  name: 'web_search',
  max_uses: 3,
  allowed_domains: ['docs.example.com'],
};

/** What the auditor sent: a costly search forced on, an hour's cache, another user's id. */
const costly = chatBody('basic', {
  tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 500 }, weather],
  tool_choice: { type: 'tool', name: 'web_search' },
  metadata: { user_id: 'someone-else' },
});

/** Sends `body` through a relay made with `options`, reading the answer to its end. */
async function relay(options: ChatHandlerOptions, body: unknown): Promise<Response> {
  const response = await createChatHandler(options)(jsonPost(body));
  if (response.ok) await readMessageStream(response).finalText();
  return response;
}

describe('createChatHandler: settings the server keeps from the client', () => {
  let fake: FakeAnthropicServer;
  let base: ChatHandlerOptions;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    base = { apiKey: TEST_KEY, baseURL: fake.baseURL, model: TEST_MODEL };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const upstreamBody = () => fake.requests.at(-1)?.body as Record<string, unknown> | undefined;
  it("sends the app's web search settings and user id, not the client's", async () => {
    const users = new WeakMap<Request, string>();
    const response = await relay(
      {
        ...base,
        allowedTools: ['get_weather', pinnedSearch],
        authorize: (request) => void users.set(request, 'user-42'),
        metadata: async (request) => ({ user_id: users.get(request) ?? null }),
      },
      costly,
    );
    expect(response.status).toBe(200);
    expect(upstreamBody()).toMatchObject({
      tools: [pinnedSearch, weather],
      metadata: { user_id: 'user-42' },
    });
  });

  it('takes metadata as an object, and lets beforeRequest see it', async () => {
    const seen: unknown[] = [];
    await relay(
      {
        ...base,
        metadata: { user_id: 'app-user' },
        beforeRequest: (_request, body) => void seen.push(body.metadata),
      },
      costly,
    );
    expect(seen).toEqual([{ user_id: 'app-user' }]);
    expect(upstreamBody()).toMatchObject({ metadata: { user_id: 'app-user' } });
  });

  it("keeps passing the client's settings with string entries and no metadata option, as documented", async () => {
    await relay({ ...base, allowedTools: ['web_search', 'get_weather'] }, costly);
    expect(upstreamBody()).toMatchObject({
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 500 }, weather],
      metadata: { user_id: 'someone-else' },
    });
  });

  it("refuses a client's hour-long cache breakpoints unless the server's cacheControl asks for an hour", async () => {
    const asked = chatBody('basic', {
      messages: [
        { role: 'user', content: [{ type: 'text', text: '[scenario:basic]', cache_control: hour }] },
      ],
      tools: [{ ...weather, cache_control: hour }],
    });
    const refused = await relay(base, asked);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message:
          'messages.0.content.0.cache_control.ttl: "1h" is not allowed by this server; use "5m" or leave it out.',
      },
    });
    expect(fake.requests).toEqual([]);
    const longCache = await relay({ ...base, cacheControl: hour }, asked);
    expect(longCache.status).toBe(200);
    expect(upstreamBody()).toMatchObject({ cache_control: hour, tools: [{ cache_control: hour }] });
  });
});
