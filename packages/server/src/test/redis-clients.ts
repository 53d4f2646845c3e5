import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { ioredisConnection, nodeRedisConnection, type RedisConnection } from '../redis/redis-connection.ts';

/** One process's connections to Redis through a client library, and how to close them. */
export interface Connected {
  connection: RedisConnection;
  /** Another adapter over the same two clients, as a second route of one process may make. */
  another(): RedisConnection;
  /** Runs a raw command on a connection of its own, as another program would. */
  raw(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Each client library the store has an adapter for, by name: how to connect to `url` through it. */
export const redisClients: [string, (url: string) => Promise<Connected>][] = [
  [
    'node-redis',
    async (url) => {
      const client = await createClient({ url }).connect();
      const subscriber = await client.duplicate().connect();
      return {
        connection: nodeRedisConnection(client, subscriber),
        another: () => nodeRedisConnection(client, subscriber),
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
      // Connected and ready before the tests use it, as node-redis's `connect()` is: otherwise the
      // first commands wait in ioredis's offline queue for the connection and its ready check, inside
      // whatever `commandTimeoutMs` the test gave the store.
      const redis = new Redis(url, { lazyConnect: true });
      await redis.connect();
      const subscriber = redis.duplicate();
      await subscriber.connect();
      return {
        connection: ioredisConnection(redis, subscriber),
        another: () => ioredisConnection(redis, subscriber),
        raw: ([name = '', ...args]) => redis.call(name, ...args),
        close: async () => {
          subscriber.disconnect();
          redis.disconnect();
        },
      };
    },
  ],
];
