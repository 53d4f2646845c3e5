import type { ResumeSignal, ResumeStore } from '../resume-store.ts';
import type { RedisConnection } from './redis-connection.ts';
import { withTimeout } from './redis-timeout.ts';

/** Options of {@link createRedisResumeStore}. */
export interface RedisResumeStoreOptions {
  /** The start of every key and channel name (default `chatstream:`). */
  prefix?: string | undefined;
  /**
   * How long a stream that is not finished is kept after its last event or heartbeat (default
   * 60 000 ms). The instance reading upstream sends a heartbeat every `pingIntervalMs` of the relay
   * (15 s by default) while upstream is quiet; one that stopped mid-answer (a crash, a deploy) sends
   * none, and its stream is forgotten: its readers' responses end, and the client shows the answer
   * as far as it came, with Retry. Keep it several times the relay's `pingIntervalMs`.
   */
  maxAgeMs?: number | undefined;
  /**
   * How long one command or subscription may wait for Redis (default 10 000 ms; `Infinity`: for
   * ever) before it fails with a `RedisTimeoutError`. A Redis that is paused or unreachable
   * then fails the streams it holds (upstream is aborted, the clients get an error they can retry)
   * instead of leaving them hanging, whatever the client library does with commands meanwhile.
   */
  commandTimeoutMs?: number | undefined;
}

/** Said on the channel only: a reader that misses one reads the store again at its next poll. */
const NOTICES: ReadonlySet<string> = new Set<ResumeSignal>(['event', 'finish']);
/** Also kept in a list, in order, so a subscriber that missed one on the channel still gets it. */
const COMMANDS: ReadonlySet<string> = new Set<ResumeSignal>(['cancel', 'attach', 'detach']);

// Scripts, so each change is atomic and one round trip. Keys: the stream's hash (its `state`, 'open'
// or 'finished', and its `request` id), the list of events, the list of commands.
const CREATE = `redis.call('HSET', KEYS[1], 'state', 'open', unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])`;
// A stream gone (expired, or Redis lost its data) is not brought back half: the append fails.
const APPEND = `if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if #ARGV > 2 then redis.call('RPUSH', KEYS[2], unpack(ARGV, 3)) end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
if tonumber(ARGV[2]) < 0 then return {} end
return redis.call('LRANGE', KEYS[3], ARGV[2], -1)`;
const FINISH = `if redis.call('EXISTS', KEYS[1]) == 0 then return end
redis.call('HSET', KEYS[1], 'state', 'finished')
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end`;
const READ = `local stream = redis.call('HMGET', KEYS[1], 'state', 'request')
if not stream[1] then return false end
return {stream[1], stream[2], redis.call('LLEN', KEYS[2]), redis.call('LRANGE', KEYS[2], ARGV[1], ARGV[2])}`;
// The channel message numbers the command, so a subscriber knows whether it missed one.
const COMMAND = `local count = redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[1] .. ' ' .. count)`;

// Lua's unpack takes a few thousand values at most.
const APPEND_BATCH = 1000;
// A read hands back at most this many events: a resume from the start of a long answer is read a
// page at a time, as its client takes them, instead of in one reply that blocks Redis meanwhile.
const READ_PAGE = 512;
// The longest a timer waits; beyond it Node fires at once.
const MAX_TIMER_MS = 2_147_483_647;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One channel this store is subscribed to, shared by its listeners here. */
interface Channel {
  readonly listeners: Set<(signal: ResumeSignal) => void>;
  readonly ready: Promise<() => Promise<unknown>>;
  /** How many of the stream's commands were delivered here (or came before the subscription). */
  delivered: number | undefined;
}

/**
 * A {@link ResumeStore} in Redis, for relays on several instances or serverless: give each instance
 * its own store over the same Redis. A stream is a hash (its state and request id), a list of its
 * events and a list of its commands, all under the hash tag `{id}` (Redis Cluster keeps them on one
 * node), and a channel for its signals.
 *
 * Pub/sub delivers a message at most once: one published while a subscriber reconnects is lost. So
 * the commands a relay must not miss (a Stop's `cancel`, a reader's `attach` and `detach`) are also
 * kept in order in the stream's list, and the instance reading upstream receives those its
 * subscription missed with its next append (each chunk, or the heartbeat), at no extra round trip.
 * Each is delivered once, in order.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createChatHandler, createRedisResumeStore, nodeRedisConnection } from '@chatstream/server';
 *
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const store = createRedisResumeStore(nodeRedisConnection(client, await client.duplicate().connect()));
 * export const POST = createChatHandler({ model: 'claude-sonnet-4-6', resume: { store } });
 */
export function createRedisResumeStore(
  connection: RedisConnection,
  options: RedisResumeStoreOptions = {},
): ResumeStore {
  const { prefix = 'chatstream:', maxAgeMs = 60_000, commandTimeoutMs = 10_000 } = options;
  if (typeof prefix !== 'string') throw new TypeError(`prefix must be a string, got ${typeof prefix}`);
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) {
    throw new RangeError(`maxAgeMs must be a whole number of milliseconds ≥ 1, got ${String(maxAgeMs)}`);
  }
  const timeoutValid =
    commandTimeoutMs === Infinity ||
    (Number.isInteger(commandTimeoutMs) && commandTimeoutMs >= 1 && commandTimeoutMs <= MAX_TIMER_MS);
  if (!timeoutValid) {
    throw new RangeError(
      `commandTimeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, or Infinity, got ${String(commandTimeoutMs)}`,
    );
  }
  const run = (operation: string, args: string[]): Promise<unknown> =>
    withTimeout(connection.command(args), commandTimeoutMs, operation);
  const channelOf = (id: string): string => `${prefix}{${id}}`;
  const keysOf = (id: string): [string, string, string] => {
    const name = channelOf(id);
    return [`${name}:stream`, `${name}:events`, `${name}:commands`];
  };
  const script = (operation: string, source: string, id: string, ...args: string[]): Promise<unknown> =>
    run(operation, ['EVAL', source, '3', ...keysOf(id), ...args]);

  const channels = new Map<string, Channel>();
  // A channel's unsubscribe in flight: a new subscription to it waits, or the old one would undo it.
  const leaving = new Map<string, Promise<unknown>>();

  /** Delivers the stream's commands numbered `after + 1` on that this channel has not delivered yet. */
  const deliver = (channel: Channel, after: number, commands: readonly unknown[]): void => {
    commands.forEach((command, index) => {
      // Numbers are contiguous: each command is delivered once, after the one before it.
      if (channel.delivered !== after + index) return;
      channel.delivered += 1;
      if (typeof command !== 'string' || !COMMANDS.has(command)) return;
      for (const listener of channel.listeners) listener(command as ResumeSignal);
    });
  };
  /** Reads the commands this channel missed from the stream's list. */
  const catchUp = async (channel: Channel, id: string): Promise<void> => {
    const after = channel.delivered;
    if (after === undefined) return;
    const commands = await run('catch-up', ['LRANGE', keysOf(id)[2], String(after), '-1']);
    if (Array.isArray(commands)) deliver(channel, after, commands);
  };

  // A new subscription to a channel waits for its unsubscribe: one that never answers must not hold it.
  const timedUnsubscribe =
    (unsubscribe: () => Promise<unknown>): (() => Promise<unknown>) =>
    () =>
      withTimeout(unsubscribe(), commandTimeoutMs, 'unsubscribe');

  const join = (id: string): Channel => {
    const name = channelOf(id);
    const hear = (message: string): void => {
      if (NOTICES.has(message)) {
        for (const listener of channel.listeners) listener(message as ResumeSignal);
        return;
      }
      const [command = '', number] = message.split(' ');
      const count = Number(number);
      if (!COMMANDS.has(command) || !Number.isSafeInteger(count) || channel.delivered === undefined) return;
      if (count === channel.delivered + 1) deliver(channel, channel.delivered, [command]);
      // A gap: the channel lost a command before this one.
      else if (count > channel.delivered + 1) void catchUp(channel, id).catch(() => undefined);
    };
    const ready = Promise.resolve(leaving.get(name)).then(async () => {
      const unsubscribe = timedUnsubscribe(
        await withTimeout(connection.subscribe(name, hear), commandTimeoutMs, 'subscribe', (late) => {
          // Subscribed after all: nobody listens there any more.
          void late().catch(() => undefined);
        }),
      );
      try {
        // Commands given before the subscription are not this subscriber's.
        channel.delivered = Number(await run('subscribe', ['LLEN', keysOf(id)[2]]));
      } catch (error) {
        await unsubscribe().catch(() => undefined);
        throw error;
      }
      return unsubscribe;
    });
    const channel: Channel = { listeners: new Set(), ready, delivered: undefined };
    channels.set(name, channel);
    ready.catch(() => {
      if (channels.get(name) === channel) channels.delete(name);
    });
    return channel;
  };

  return {
    async create(id, { requestId }) {
      await script(
        'create',
        CREATE,
        id,
        String(maxAgeMs),
        ...(requestId === undefined ? [] : ['request', requestId]),
      );
    },
    async append(id, events) {
      const texts = events.map((event) => decoder.decode(event));
      const channel = channels.get(channelOf(id));
      // A heartbeat (no events) only pushes the expiry back, and catches up on commands.
      for (let start = 0; start === 0 || start < texts.length; start += APPEND_BATCH) {
        const after = channel?.delivered ?? -1;
        const commands = await script(
          'append',
          APPEND,
          id,
          String(maxAgeMs),
          String(after),
          ...texts.slice(start, start + APPEND_BATCH),
        );
        if (commands === null) {
          throw new Error(
            `Stream ${id} is no longer in Redis: it expired, or Redis lost its data (a restart without persistence).`,
          );
        }
        if (channel && after >= 0 && Array.isArray(commands)) deliver(channel, after, commands);
      }
    },
    async finish(id, ttlMs) {
      // PX takes whole milliseconds above 0.
      await script('finish', FINISH, id, String(Math.max(1, Math.ceil(ttlMs))));
    },
    async read(id, from) {
      const reply = await script('read', READ, id, String(from), String(from + READ_PAGE - 1));
      if (!Array.isArray(reply)) return undefined;
      const [state, requestId, length, events] = reply as [string, string | null, number, string[]];
      return {
        ...(typeof requestId === 'string' ? { requestId } : {}),
        events: events.map((event) => encoder.encode(event)),
        length,
        finished: state === 'finished',
      };
    },
    async publish(id, signal) {
      await (COMMANDS.has(signal)
        ? script(signal, COMMAND, id, signal, String(maxAgeMs), channelOf(id))
        : run(signal, ['PUBLISH', channelOf(id), signal]));
    },
    async subscribe(id, listener) {
      const name = channelOf(id);
      const channel = channels.get(name) ?? join(id);
      channel.listeners.add(listener);
      try {
        await channel.ready;
      } catch (error) {
        channel.listeners.delete(listener);
        throw error;
      }
      return () => {
        if (!channel.listeners.delete(listener) || channel.listeners.size > 0) return;
        if (channels.get(name) === channel) channels.delete(name);
        const left = channel.ready.then((unsubscribe) => unsubscribe()).catch(() => undefined);
        leaving.set(name, left);
        void left.then(() => {
          if (leaving.get(name) === left) leaving.delete(name);
        });
      };
    },
  };
}
