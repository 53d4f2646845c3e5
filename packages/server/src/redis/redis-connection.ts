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
   * the function that unsubscribes. A store subscribes to a channel at most once at a time, but
   * several stores over one connection (one per route, say) may each subscribe to it: each
   * subscription hears the channel until it is undone, whatever the others do.
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

/** Each ioredis subscriber's listeners by channel, shared by every connection made over it. */
const ioredisRoutes = new WeakMap<IORedisSubscriber, Map<string, Set<(message: string) => void>>>();

/**
 * A {@link RedisConnection} over ioredis: `redis` for commands and a duplicate of it for
 * subscriptions (ioredis delivers every channel's messages to one `message` event: this routes them).
 * Several stores (one per route, say) may share one connection, or one subscriber: each listener of
 * a channel hears it until it unsubscribes, and the channel is left when its last listener leaves.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = createRedisResumeStore(ioredisConnection(redis, redis.duplicate()));
 */
export function ioredisConnection(redis: IORedisClient, subscriber: IORedisSubscriber): RedisConnection {
  let routes = ioredisRoutes.get(subscriber);
  if (!routes) {
    const created = new Map<string, Set<(message: string) => void>>();
    ioredisRoutes.set(subscriber, (routes = created));
    subscriber.on('message', (channel, message) => {
      for (const listener of created.get(channel) ?? []) listener(message);
    });
  }
  const channels = routes;
  return {
    command: ([name = '', ...args]) => redis.call(name, ...args),
    subscribe: async (channel, listener) => {
      // A function of its own: the same listener subscribed twice is two subscriptions.
      const route = (message: string): void => listener(message);
      let listeners = channels.get(channel);
      if (!listeners) channels.set(channel, (listeners = new Set()));
      listeners.add(route);
      try {
        await subscriber.subscribe(channel);
      } catch (error) {
        leave(channel, listeners, route);
        throw error;
      }
      return async () => {
        if (leave(channel, listeners, route)) await subscriber.unsubscribe(channel);
      };
    },
  };

  /** Removes `route`; true when it was the channel's last listener, so the channel is to be left. */
  function leave(
    channel: string,
    listeners: Set<(message: string) => void>,
    route: (message: string) => void,
  ): boolean {
    if (!listeners.delete(route) || listeners.size > 0) return false;
    if (channels.get(channel) === listeners) channels.delete(channel);
    return true;
  }
}
