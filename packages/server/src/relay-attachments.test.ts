import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { startFakeAnthropic, TEST_KEY, TEST_MODEL, jsonPost } from './test/relay-fixture.ts';

/** The start of a 640 × 480 PNG (signature and IHDR), as a browser's FileReader gives it. */
const PNG_HEADER = 'iVBORw0KGgoAAAANSUhEUgAAAoAAAAHgCAYAAAA';
const photo = (data = `${PNG_HEADER}AAAA`) => ({
  type: 'image',
  source: { type: 'base64', media_type: 'image/png', data },
});

const conversation = [
  {
    role: 'user',
    content: [
      photo(),
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjcKJcfsj6IK' },
        title: 'report.pdf',
        citations: { enabled: true },
      },
      { type: 'text', text: 'Compare these, then take a screenshot.' },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'tool_use', id: 'toolu_01', name: 'screenshot', input: { page: 'https://example.com' } },
    ],
  },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_01',
        content: [{ type: 'text', text: 'Here it is.' }, photo()],
      },
    ],
  },
];

describe('createChatHandler: attachments', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('relays images, a PDF and a tool_result holding an image to Anthropic exactly as sent', async () => {
    const handler = createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, model: TEST_MODEL });
    const response = await handler(jsonPost({ messages: conversation }));
    expect(response.status).toBe(200);
    expect(await readMessageStream(response).finalText()).toBe(
      'I received 1 attachment: a PNG image, 640 × 480 px (32 bytes).',
    );
    const upstream = fake.requests[0]?.body as { messages: unknown } | undefined;
    expect(JSON.stringify(upstream?.messages)).toBe(JSON.stringify(conversation));
  });

  it('takes a conversation of photos as large as the API does, and states the limit when a body is over it', async () => {
    // A 3.2 MB photo is 4.3 MB of base64, and every turn sends the conversation's photos again.
    const big = { messages: [{ role: 'user', content: [photo(PNG_HEADER + 'A'.repeat(4_266_000))] }] };
    const relay = createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, model: TEST_MODEL });
    const accepted = await relay(jsonPost(big));
    expect(await readMessageStream(accepted).finalText()).toMatch(
      /^I received 1 attachment: a PNG image, 640 × 480 px \(3\.1 MB\)\.$/u,
    );

    const strict = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      model: TEST_MODEL,
      maxBodyBytes: 4 * 1024 * 1024,
    });
    const refused = await strict(jsonPost(big));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      type: 'error',
      error: {
        type: 'request_too_large',
        message: "The request body is larger than 4194304 bytes (4 MiB), this server's limit.",
      },
    });
    expect(fake.requests).toHaveLength(1);

    const overTheAPI = { messages: [{ role: 'user', content: [photo('A'.repeat(33_554_432))] }] };
    expect((await relay(jsonPost(overTheAPI))).status).toBe(413);
    expect(fake.requests).toHaveLength(1);
  });
});
