import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { streamMessage } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';

function post(body: unknown, signal?: AbortSignal): Request {
  return new Request('http://127.0.0.1/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('when the client goes away, the upstream request is aborted', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  const reported: unknown[] = [];
  const options = () => ({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    onError: (error: unknown) => reported.push(error),
  });

  beforeAll(async () => {
    // Slow enough that every stream is still running when the client leaves.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 } });
    relay = await startRelay(createChatHandler(options()));
  });
  afterEach(() => {
    fake.reset();
    reported.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('a browser stopping streamMessage through the Node relay', async () => {
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { retry: false });
    const firstText = new Promise<void>((resolve) => stream.on('text', () => resolve()));
    const settled = stream.finalMessage().catch((error: unknown) => error);
    await firstText;
    stream.abort();
    await settled;
    await fake.settled();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', aborted: true, completed: false });
    expect(reported).toEqual([]);
  });

  it("a Web Request's signal aborting", async () => {
    const controller = new AbortController();
    const response = await createChatHandler(options())(post(chatBody('longAnswer'), controller.signal));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    await reader.cancel().catch(() => undefined);
    expect(reported).toEqual([]);
  });

  it('the response body being cancelled (Bun, Deno, Workers on disconnect)', async () => {
    const response = await createChatHandler(options())(post(chatBody('longAnswer')));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(reported).toEqual([]);
  });

  it('the text protocol too', async () => {
    const response = await createChatHandler({ ...options(), protocol: 'text' })(
      post(chatBody('longAnswer')),
    );
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('a request aborted before Anthropic answered never streams', async () => {
    const controller = new AbortController();
    controller.abort();
    const response = await createChatHandler(options())(post(chatBody('basic'), controller.signal));
    expect(response.status).toBe(499);
    await fake.settled();
    expect(fake.requests.every((request) => !request.completed)).toBe(true);
  });
});
