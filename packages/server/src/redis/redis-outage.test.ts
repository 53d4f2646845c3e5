import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from '../create-chat-handler.ts';
import { type Connected, redisClients } from '../test/redis-clients.ts';
import { startRedisServer, type TestRedisServer } from '../test/redis-server.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY } from '../test/relay-fixture.ts';
import { lastEventId, resumeRequest } from '../test/resume-requests.ts';
import { createRedisResumeStore } from './redis-resume-store.ts';
import { RedisTimeoutError } from './redis-timeout.ts';

const decoder = new TextDecoder();

/** Far longer than anything here should take: what a hang comes to instead of the test's timeout. */
const HANG_MS = 20_000;

/** What `reader` does to its end: `done`, the error it failed with, or `hang` after {@link HANG_MS}. */
async function outcomeOf(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
  const drained = (async () => {
    try {
      while (!(await reader.read()).done);
      return 'done';
    } catch (error) {
      return error;
    }
  })();
  try {
    return await Promise.race([drained, hang]);
  } finally {
    clearTimeout(timer);
  }
}

// A server of its own: these tests freeze it (SIGSTOP), as a hung Redis or a network partition does.
let redis: TestRedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(() => redis.resume());
afterAll(() => redis.stop());

describe.each(redisClients)('a Redis that stops answering, over %s', (name, connect) => {
  let connected: Connected;
  beforeAll(async () => {
    connected = await connect(redis.url);
  });
  afterAll(() => connected.close());

  it('fails a command or subscription it does not answer within commandTimeoutMs with a RedisTimeoutError, and undoes a subscription that came too late', async () => {
    const prefix = `test:${name}:paused:`;
    const store = createRedisResumeStore(connected.connection, { prefix, commandTimeoutMs: 300 });
    // What Redis answers is not under test: the default timeout, so a loaded machine does not fail it.
    const patient = createRedisResumeStore(connected.connection, { prefix });
    const id = crypto.randomUUID();
    await patient.create(id, {});
    redis.pause();
    await expect(store.read(id, 0)).rejects.toThrow(RedisTimeoutError);
    await expect(store.subscribe(id, () => undefined)).rejects.toMatchObject({
      name: 'RedisTimeoutError',
      operation: 'subscribe',
      timeoutMs: 300,
    });
    redis.resume();
    // Answered in order on the subscriber connection: once this subscription is made, the late one is too.
    (await patient.subscribe(crypto.randomUUID(), () => undefined))();
    await expect
      .poll(() => connected.raw(['PUBSUB', 'NUMSUB', `${prefix}{${id}}`]), { timeout: 10_000 })
      .toEqual([`${prefix}{${id}}`, 0]);
  });

  it('ends the live answer with the error, answers a resume with a 500 and aborts upstream when it stops answering mid-stream', async () => {
    const fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond: 100, jitter: 0 },
    });
    const reported: unknown[] = [];
    const relay = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      // A reader waiting for events reads the store again at each ping: a frozen Redis shows then.
      pingIntervalMs: 200,
      onError: (error) => reported.push(error),
      resume: {
        store: createRedisResumeStore(connected.connection, {
          prefix: `test:${name}:frozen:`,
          commandTimeoutMs: 500,
        }),
      },
    });
    try {
      const started = await relay(jsonPost(chatBody('longAnswer')));
      const id = started.headers.get('chatstream-stream-id')!;
      const reader = started.body!.getReader();
      let text = '';
      while (!text.includes('content_block_delta')) text += decoder.decode((await reader.read()).value);
      redis.pause();
      expect(await outcomeOf(reader)).toBeInstanceOf(RedisTimeoutError);
      expect((await relay(resumeRequest(id, lastEventId(text)))).status).toBe(500);
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      expect(reported.length).toBeGreaterThan(0);
      expect(reported.every((error) => error instanceof RedisTimeoutError)).toBe(true);
    } finally {
      redis.resume();
      await fake.close();
    }
  });
});
