/**
 * What the Redis resume store needs of a Redis client: commands on one connection, and channel
 * subscriptions on another (a connection in subscriber mode takes no other command). Build it with
 * {@link nodeRedisConnection} or {@link ioredisConnection}, or by hand for another client.
 */
export interface RedisConnection {
  /** Runs one command, e.g. `['RPUSH', key, value]`, and resolves to its reply. */
  command(args: string[]): Promise<unknown>;
  /**
   * Subscribes to `channel`, calling `listener` with each message; resolves once subscribed, to
   * the function that unsubscribes. The store subscribes to a channel at most once at a time.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<unknown>>;
}

/** The part of a node-redis (`redis` package) client that {@link nodeRedisConnection} uses. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** The part of a node-redis client in subscriber mode that {@link nodeRedisConnection} uses. */
export interface NodeRedisSubscriber {
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
}

/**
 * A {@link RedisConnection} over node-redis (the `redis` package): `client` for commands and a
 * connected duplicate of it for subscriptions.
 *
 * @example
 * import { createClient } from 'redis';
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const store = createRedisResumeStore(nodeRedisConnection(client, await client.duplicate().connect()));
 */
export function nodeRedisConnection(
  client: NodeRedisClient,
  subscriber: NodeRedisSubscriber,
): RedisConnection {
  return {
    command: (args) => client.sendCommand(args),
    subscribe: async (channel, listener) => {
      await subscriber.subscribe(channel, listener);
      return () => subscriber.unsubscribe(channel, listener);
    },
  };
}

/** The part of an ioredis client that {@link ioredisConnection} uses. */
export interface IORedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** The part of an ioredis client in subscriber mode that {@link ioredisConnection} uses. */
export interface IORedisSubscriber {
  subscribe(channel: string): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
}

/**
 * A {@link RedisConnection} over ioredis: `redis` for commands and a duplicate of it for
 * subscriptions (ioredis delivers every channel's messages to one `message` event: this routes them).
 *
 * @example
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = createRedisResumeStore(ioredisConnection(redis, redis.duplicate()));
 */
export function ioredisConnection(redis: IORedisClient, subscriber: IORedisSubscriber): RedisConnection {
  const routes = new Map<string, (message: string) => void>();
  subscriber.on('message', (channel, message) => routes.get(channel)?.(message));
  return {
    command: ([name = '', ...args]) => redis.call(name, ...args),
    subscribe: async (channel, listener) => {
      routes.set(channel, listener);
      await subscriber.subscribe(channel);
      return () => {
        routes.delete(channel);
        return subscriber.unsubscribe(channel);
      };
    },
  };
}
