import type { ResumeSignal, ResumeStore } from '../resume-store.ts';
import type { RedisConnection } from './redis-connection.ts';

/** Options of {@link createRedisResumeStore}. */
export interface RedisResumeStoreOptions {
  /** The start of every key and channel name (default `chatstream:`). */
  prefix?: string;
  /**
   * How long a stream that is not finished is kept after its last event or heartbeat (default
   * 60 000 ms). The instance reading upstream sends a heartbeat every `pingIntervalMs` of the relay
   * (15 s by default) while upstream is quiet; one that stopped mid-answer (a crash, a deploy) sends
   * none, and its stream is forgotten: its readers' responses end, and the client shows the answer
   * as far as it came, with Retry. Keep it several times the relay's `pingIntervalMs`.
   */
  maxAgeMs?: number;
}

const SIGNALS: ReadonlySet<string> = new Set<ResumeSignal>(['event', 'finish', 'cancel', 'attach', 'detach']);

// Scripts, so each change is atomic and one round trip. Keys: the state ('open' | 'finished'),
// then the list of events.
const APPEND = `if #ARGV > 1 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 2)) end
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])`;
const FINISH = `redis.call('SET', KEYS[1], 'finished', 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])`;
const READ = `local state = redis.call('GET', KEYS[1])
if not state then return false end
return {state, redis.call('LLEN', KEYS[2]), redis.call('LRANGE', KEYS[2], ARGV[1], -1)}`;

// Lua's unpack takes a few thousand values at most.
const APPEND_BATCH = 1000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A {@link ResumeStore} in Redis, for relays on several instances or serverless: give each instance
 * its own store over the same Redis. A stream is a list of its events and a state key, both under
 * the hash tag `{id}` (Redis Cluster keeps them on one node), and a channel for its signals.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createChatHandler, createRedisResumeStore, nodeRedisConnection } from '@chatstream/server';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = createRedisResumeStore(nodeRedisConnection(client, await client.duplicate().connect()));
 * export const POST = createChatHandler({ model: 'claude-sonnet-4-6', resume: { store } });
 */
export function createRedisResumeStore(
  connection: RedisConnection,
  options: RedisResumeStoreOptions = {},
): ResumeStore {
  const { prefix = 'chatstream:', maxAgeMs = 60_000 } = options;
  if (typeof prefix !== 'string') throw new TypeError(`prefix must be a string, got ${typeof prefix}`);
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) {
    throw new RangeError(`maxAgeMs must be a whole number of milliseconds ≥ 1, got ${String(maxAgeMs)}`);
  }
  const channelOf = (id: string): string => `${prefix}{${id}}`;
  const keysOf = (id: string): [string, string] => [`${channelOf(id)}:state`, `${channelOf(id)}:events`];
  const script = (source: string, id: string, ...args: string[]): Promise<unknown> =>
    connection.command(['EVAL', source, '2', ...keysOf(id), ...args]);

  type Listener = (signal: ResumeSignal) => void;
  const channels = new Map<string, { listeners: Set<Listener>; ready: Promise<() => Promise<unknown>> }>();
  // A channel's unsubscribe in flight: a new subscription to it waits, or the old one would undo it.
  const leaving = new Map<string, Promise<unknown>>();

  const join = (name: string) => {
    const listeners = new Set<Listener>();
    const ready = Promise.resolve(leaving.get(name)).then(() =>
      connection.subscribe(name, (message) => {
        if (!SIGNALS.has(message)) return;
        for (const listener of listeners) listener(message as ResumeSignal);
      }),
    );
    const entry = { listeners, ready };
    channels.set(name, entry);
    ready.catch(() => {
      if (channels.get(name) === entry) channels.delete(name);
    });
    return entry;
  };

  return {
    async create(id) {
      await connection.command(['SET', keysOf(id)[0], 'open', 'PX', String(maxAgeMs)]);
    },
    async append(id, events) {
      const texts = events.map((event) => decoder.decode(event));
      // A heartbeat (no events) only pushes the expiry back.
      for (let start = 0; start === 0 || start < texts.length; start += APPEND_BATCH) {
        await script(APPEND, id, String(maxAgeMs), ...texts.slice(start, start + APPEND_BATCH));
      }
    },
    async finish(id, ttlMs) {
      // PX takes whole milliseconds above 0.
      await script(FINISH, id, String(Math.max(1, Math.ceil(ttlMs))));
    },
    async read(id, from) {
      const reply = await script(READ, id, String(from));
      if (!Array.isArray(reply)) return undefined;
      const [state, length, events] = reply as [string, number, string[]];
      return {
        events: events.map((event) => encoder.encode(event)),
        length,
        finished: state === 'finished',
      };
    },
    async publish(id, signal) {
      await connection.command(['PUBLISH', channelOf(id), signal]);
    },
    async subscribe(id, listener) {
      const name = channelOf(id);
      const entry = channels.get(name) ?? join(name);
      entry.listeners.add(listener);
      try {
        await entry.ready;
      } catch (error) {
        entry.listeners.delete(listener);
        throw error;
      }
      return () => {
        if (!entry.listeners.delete(listener) || entry.listeners.size > 0) return;
        if (channels.get(name) === entry) channels.delete(name);
        const left = entry.ready.then((unsubscribe) => unsubscribe()).catch(() => undefined);
        leaving.set(name, left);
        void left.then(() => {
          if (leaving.get(name) === left) leaving.delete(name);
        });
      };
    },
  };
}
