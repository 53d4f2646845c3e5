import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from '../create-chat-handler.ts';
import type { ResumeSignal, ResumeStore } from '../resume-store.ts';
import { type Connected, redisClients } from '../test/redis-clients.ts';
import { startRedisServer, type TestRedisServer } from '../test/redis-server.ts';
import { chatBody, fetchDirect, jsonPost, startFakeAnthropic, TEST_KEY } from '../test/relay-fixture.ts';
import { lastEventId, readThenDrop, resumeRequest, withoutIds } from '../test/resume-requests.ts';
import type { RedisConnection } from './redis-connection.ts';
import { createRedisResumeStore } from './redis-resume-store.ts';

/**
 * A connection whose subscriptions lose the channel messages `lose` picks, as pub/sub does for a
 * subscriber that is reconnecting when they are published.
 */
interface LossyConnection extends RedisConnection {
  lose: (message: string) => boolean;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const decoder = new TextDecoder();
const never = (): boolean => false;

let redis: TestRedisServer;
const clients: { close(): Promise<void> }[] = [];

async function connect(connectTo: (url: string) => Promise<Connected>): Promise<LossyConnection> {
  const connected = await connectTo(redis.url);
  clients.push(connected);
  const { connection } = connected;
  const lossy: LossyConnection = {
    lose: never,
    command: (args) => connection.command(args),
    subscribe: (channel, listener) =>
      connection.subscribe(channel, (message) => {
        if (!lossy.lose(message)) listener(message);
      }),
  };
  return lossy;
}

let owner: LossyConnection;
let other: LossyConnection;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(() => {
  owner.lose = never;
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await redis.stop();
});

/** Stream `id` created by `ownerStore`, which listens to it; what it heard. */
async function ownedStream(ownerStore: ResumeStore): Promise<{ id: string; heard: ResumeSignal[] }> {
  const id = crypto.randomUUID();
  const heard: ResumeSignal[] = [];
  await ownerStore.create(id, {});
  await ownerStore.subscribe(id, (signal) => heard.push(signal));
  return { id, heard };
}

/** A store on the lossy connection and one on the other, both under `prefix`. */
const storesOf = (prefix: string): [ResumeStore, ResumeStore] => [
  createRedisResumeStore(owner, { prefix }),
  createRedisResumeStore(other, { prefix }),
];

describe.each(redisClients)('over %s', (_, connectTo) => {
  beforeAll(async () => {
    owner = await connect(connectTo);
    other = await connect(connectTo);
  });

  describe('createRedisResumeStore when its subscription loses messages', () => {
    const prefix = 'test:lost:';

    it('delivers the commands it missed with its next append, once each and in order', async () => {
      const [ownerStore, otherStore] = storesOf(prefix);
      const { id, heard } = await ownedStream(ownerStore);
      owner.lose = () => true;
      await otherStore.publish(id, 'attach');
      await otherStore.publish(id, 'detach');
      await otherStore.publish(id, 'event');
      await ownerStore.append(id, [bytes('id: 1\ndata: x\n\n')]);
      expect(heard).toEqual(['attach', 'detach']);

      owner.lose = never;
      await otherStore.publish(id, 'cancel');
      await expect.poll(() => heard).toEqual(['attach', 'detach', 'cancel']);
      // A heartbeat after the channel delivered it does not deliver it again.
      await ownerStore.append(id, []);
      expect(heard).toEqual(['attach', 'detach', 'cancel']);
    });

    it('reads the commands before one that arrives after a gap, without waiting for an append', async () => {
      const [ownerStore, otherStore] = storesOf(prefix);
      const { id, heard } = await ownedStream(ownerStore);
      let lost = false;
      // The first attach only (the channel may deliver it after the publish returned).
      owner.lose = (message) => !lost && message.startsWith('attach') && (lost = true);
      await otherStore.publish(id, 'attach');
      await otherStore.publish(id, 'detach');
      await expect.poll(() => heard).toEqual(['attach', 'detach']);
    });

    it('does not deliver commands given before it subscribed', async () => {
      const [ownerStore, otherStore] = storesOf(prefix);
      const id = crypto.randomUUID();
      await ownerStore.create(id, {});
      await otherStore.publish(id, 'attach');
      const heard: ResumeSignal[] = [];
      await ownerStore.subscribe(id, (signal) => heard.push(signal));
      await otherStore.publish(id, 'detach');
      await ownerStore.append(id, []);
      await expect.poll(() => heard).toEqual(['detach']);
    });
  });

  describe('a relay whose Redis loses messages or data', () => {
    let fake: FakeAnthropicServer;
    beforeAll(async () => {
      fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 150, jitter: 0 } });
    });
    afterEach(() => fake.reset());
    afterAll(() => fake.close());

    const relayOn = (connection: RedisConnection) =>
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        resume: { store: createRedisResumeStore(connection, { prefix: 'test:relay-lost:' }), graceMs: 300 },
      });

    it('keeps the answer going for a client that resumed elsewhere while its attach was lost', async () => {
      const [first, second] = [relayOn(owner), relayOn(other)];
      const started = await first(jsonPost(chatBody('longAnswer')));
      const id = started.headers.get('chatstream-stream-id')!;
      const before = await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
      owner.lose = (message) => message.startsWith('attach');
      const resumed = await second(resumeRequest(id, lastEventId(before)));
      const after = await resumed.text();
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: false, completed: true });
      fake.reset();
      expect(withoutIds(before + after)).toBe((await fetchDirect(fake, 'longAnswer')).text);
    });

    it('aborts upstream at a Stop given to another instance that its channel lost', async () => {
      const [first, second] = [relayOn(owner), relayOn(other)];
      const started = await first(jsonPost(chatBody('longAnswer')));
      const id = started.headers.get('chatstream-stream-id')!;
      const reader = started.body!.getReader();
      await reader.read();
      owner.lose = () => true;
      const stop = await second(
        new Request('http://127.0.0.1/api/chat', { method: 'POST', headers: { 'chatstream-cancel': id } }),
      );
      expect(stop.status).toBe(204);
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      await reader.cancel();
    });

    it('ends the answer with what was sent when Redis loses its data, and aborts upstream', async () => {
      const reported: unknown[] = [];
      const relay = createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        onError: (error) => reported.push(error),
        resume: { store: createRedisResumeStore(owner, { prefix: 'test:flushed:' }), graceMs: 60_000 },
      });
      const started = await relay(jsonPost(chatBody('longAnswer')));
      const id = started.headers.get('chatstream-stream-id')!;
      const reader = started.body!.getReader();
      let text = '';
      while (!text.includes('content_block_delta')) text += decoder.decode((await reader.read()).value);
      // What a restart without persistence does to the data.
      await owner.command(['FLUSHALL']);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value);
      }
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      expect(reported).toEqual([
        new Error(
          `Stream ${id} is no longer in Redis: it expired, or Redis lost its data (a restart without persistence).`,
        ),
      ]);
      fake.reset();
      const whole = (await fetchDirect(fake, 'longAnswer')).text;
      expect(whole.startsWith(withoutIds(text))).toBe(true);
      expect(text).not.toContain('message_stop');
      // A resume gets the 404 the client falls back on, as for a stream that expired.
      expect((await relay(resumeRequest(id, lastEventId(text)))).status).toBe(404);
    });
  });
});
