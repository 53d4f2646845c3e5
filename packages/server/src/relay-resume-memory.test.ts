import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHandler, createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  jsonPost,
  startFakeAnthropic,
  TEST_KEY,
  waitUntilForgotten,
} from './test/relay-fixture.ts';
import { stillAlive } from './test/collected.ts';
import { readThenDrop } from './test/resume-requests.ts';

// A relay runs for weeks: what a stopped or abandoned answer held must be collectable. These tests
// hold weak references and run a full collection.

const STREAMS = 8;

describe('memory of a relay with resume', () => {
  let fake: FakeAnthropicServer;
  let handler: ChatHandler;
  // Every request the relay handled, weakly: the rest of that request's state (the upstream
  // response and its body, the streams, the decoder, the heartbeat timer) is reachable from it.
  const requests: WeakRef<Request>[] = [];
  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 200, jitter: 0 } });
    handler = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      resume: { graceMs: 50, ttlMs: 50 },
      beforeRequest: (request) => void requests.push(new WeakRef(request)),
    });
  });
  afterEach(() => {
    fake.reset();
    requests.length = 0;
  });
  afterAll(() => fake.close());

  /** Starts a long answer, reads its first text and drops the connection: the stream's id. */
  async function startThenDrop(): Promise<string> {
    const response = await handler(jsonPost(chatBody('longAnswer')));
    await readThenDrop(response.body!, (text) => text.includes('content_block_delta'));
    return response.headers.get('chatstream-stream-id')!;
  }

  it('lets go of every answer the client stopped (a cancel)', async () => {
    for (let index = 0; index < STREAMS; index++) {
      const id = await startThenDrop();
      const cancel = new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        headers: { 'chatstream-cancel': id },
      });
      expect((await handler(cancel)).status).toBe(204);
      await waitUntilForgotten(handler, id);
    }
    await fake.settled();
    expect(fake.requests.map((request) => request.aborted)).toEqual(Array(STREAMS).fill(true));
    expect(requests).toHaveLength(STREAMS);
    expect(await stillAlive(requests)).toBe(0);
  });

  it('lets go of every answer no client came back to within graceMs', async () => {
    for (let index = 0; index < STREAMS; index++) await waitUntilForgotten(handler, await startThenDrop());
    await fake.settled();
    expect(fake.requests.map((request) => request.aborted)).toEqual(Array(STREAMS).fill(true));
    expect(requests).toHaveLength(STREAMS);
    expect(await stillAlive(requests)).toBe(0);
  });

  it('lets go of the answers read to their end', async () => {
    for (let index = 0; index < STREAMS; index++) {
      const response = await handler(jsonPost(chatBody('basic')));
      expect(await response.text()).toContain('event: message_stop');
      await waitUntilForgotten(handler, response.headers.get('chatstream-stream-id')!);
    }
    expect(requests).toHaveLength(STREAMS);
    expect(await stillAlive(requests)).toBe(0);
  });
});
