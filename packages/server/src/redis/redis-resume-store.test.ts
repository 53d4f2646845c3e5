import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResumeSignal, ResumeStore } from '../resume-store.ts';
import { startRedisServer, type TestRedisServer } from '../test/redis-server.ts';
import { describeResumeStoreContract } from '../test/resume-store-contract.ts';
import { describeSharedStoreRelays } from '../test/shared-store-relays.ts';
import { ioredisConnection, nodeRedisConnection, type RedisConnection } from './redis-connection.ts';
import { createRedisResumeStore } from './redis-resume-store.ts';

/** One process's connections to Redis through a client library, and how to close them. */
interface Connected {
  connection: RedisConnection;
  /** Runs a raw command on a connection of its own, as another program would. */
  raw(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

const clients: [string, (url: string) => Promise<Connected>][] = [
  [
    'node-redis',
    async (url) => {
      const client = await createClient({ url }).connect();
      const subscriber = await client.duplicate().connect();
      return {
        connection: nodeRedisConnection(client, subscriber),
        raw: (args) => client.sendCommand(args),
        close: async () => {
          await subscriber.close();
          await client.close();
        },
      };
    },
  ],
  [
    'ioredis',
    async (url) => {
      const redis = new Redis(url);
      const subscriber = redis.duplicate();
      return {
        connection: ioredisConnection(redis, subscriber),
        raw: ([name = '', ...args]) => redis.call(name, ...args),
        close: async () => {
          subscriber.disconnect();
          redis.disconnect();
        },
      };
    },
  ],
];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

let redis: TestRedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

describe.each(clients)('createRedisResumeStore over %s', (name, connect) => {
  // Two connections each, as two server instances would have.
  const connected: Connected[] = [];
  const stores: ResumeStore[] = [];
  beforeAll(async () => {
    for (const instance of [0, 1]) {
      connected[instance] = await connect(redis.url);
      stores[instance] = createRedisResumeStore(connected[instance].connection, { prefix: `test:${name}:` });
    }
  });
  afterAll(async () => {
    for (const connection of connected) await connection.close();
  });

  describeResumeStoreContract((instance) => stores[instance]!);

  it('forgets a stream that was never finished maxAgeMs after its last event (its instance died)', async () => {
    const [, other] = connected as [Connected, Connected];
    const store = createRedisResumeStore(other.connection, { prefix: `test:${name}:age:`, maxAgeMs: 100 });
    const id = crypto.randomUUID();
    await store.create(id);
    await store.append(id, [bytes('id: 1\ndata: x\n\n')]);
    expect((await store.read(id, 0))?.finished).toBe(false);
    await expect.poll(() => store.read(id, 0), { timeout: 5000, interval: 25 }).toBeUndefined();
  });

  it('ignores messages on its channels that are not signals, and stops delivering once unsubscribed', async () => {
    const [store] = stores as [ResumeStore];
    const [raw] = connected as [Connected];
    const id = crypto.randomUUID();
    const heard: ResumeSignal[] = [];
    const off = await store.subscribe(id, (signal) => heard.push(signal));
    await raw.raw(['PUBLISH', `test:${name}:{${id}}`, 'hello']);
    await store.publish(id, 'event');
    await expect.poll(() => heard).toEqual(['event']);
    off();
    // Subscribing again at once waits for the unsubscribe before it, and hears what follows.
    const again: ResumeSignal[] = [];
    const offAgain = await store.subscribe(id, (signal) => again.push(signal));
    await store.publish(id, 'finish');
    await expect.poll(() => again).toEqual(['finish']);
    expect(heard).toEqual(['event']);
    offAgain();
  });

  describeSharedStoreRelays((instance) => stores[instance]!, Number(process.env['RUNS'] ?? 8));
});
