import type { KeptStreamInfo, ResumeSignal, ResumeStore } from './resume-store.ts';
import { unref } from './unref-timer.ts';

type Listener = (signal: ResumeSignal) => void;

interface KeptStream {
  events: Uint8Array[];
  finished: boolean;
  info: KeptStreamInfo;
  /** When it is forgotten: `maxAgeMs` after its last write while unfinished, `ttlMs` after its end. */
  expiresAt: number;
}

/** Options of {@link createMemoryResumeStore}. */
export interface MemoryResumeStoreOptions {
  /**
   * How long a stream that is not finished is kept after its last event or heartbeat (default
   * 60 000 ms), as in the Redis store. The relay reading upstream sends a heartbeat every
   * `pingIntervalMs` while upstream is quiet; a reading that stopped without a word (a Workers
   * request whose context ended, with no `waitUntil`) sends none, and its stream is forgotten: its
   * readers' responses end with what was kept, and the client shows the answer as far as it came,
   * with Retry, instead of waiting on pings for ever. Keep it several times `pingIntervalMs`.
   */
  maxAgeMs?: number | undefined;
}

/** The default {@link MemoryResumeStoreOptions.maxAgeMs}. */
export const DEFAULT_MEMORY_MAX_AGE_MS = 60_000;

// A read hands back at most this many events, as the Redis store does: each resume of a long answer
// then holds a page at a time instead of a copy of the rest of the answer.
const READ_PAGE = 512;
// The longest a timer waits; beyond it Node fires at once, and a finished stream would be forgotten
// as soon as it ended (a shared store keeps it for the whole ttl).
const MAX_TIMER_MS = 2_147_483_647;
// Expired streams are also swept when a stream is created, at most this often: on Workers a timer
// dies with the request that set it, so the finish's timer may never fire.
const SWEEP_EVERY_MS = 1_000;

/**
 * A {@link ResumeStore} in this process's memory: the default of a relay with `resume`. Handlers
 * that share one (several routes, or several relays in one process) resume each other's streams;
 * separate processes need a shared store instead. A stream left unfinished and unwritten for
 * `maxAgeMs` is forgotten, as in the Redis store.
 *
 * @example
 * const store = createMemoryResumeStore();
 * export const POST = createChatHandler({ model: 'claude-sonnet-4-6', resume: { store } });
 */
export function createMemoryResumeStore(options: MemoryResumeStoreOptions = {}): ResumeStore {
  const { maxAgeMs = DEFAULT_MEMORY_MAX_AGE_MS } = options;
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) {
    throw new RangeError(`maxAgeMs must be a whole number of milliseconds ≥ 1, got ${String(maxAgeMs)}`);
  }
  const streams = new Map<string, KeptStream>();
  // Kept apart from the streams, as a pub/sub channel is apart from the data: a reader subscribes
  // before it reads.
  const channels = new Map<string, Set<Listener>>();
  let swept = 0;
  // Timers only clean up: whether a stream is still kept is decided by its expiry, read on each use.
  const live = (id: string): KeptStream | undefined => {
    const stream = streams.get(id);
    if (stream && stream.expiresAt < Date.now()) {
      streams.delete(id);
      return undefined;
    }
    return stream;
  };
  const sweep = (): void => {
    const now = Date.now();
    if (now - swept < SWEEP_EVERY_MS) return;
    swept = now;
    for (const [id, stream] of streams) if (stream.expiresAt < now) streams.delete(id);
  };
  return {
    create(id, info) {
      sweep();
      streams.set(id, { events: [], finished: false, info, expiresAt: Date.now() + maxAgeMs });
    },
    append(id, events) {
      const stream = live(id);
      if (!stream) {
        throw new Error(`Stream ${id} is no longer in memory: nothing was written to it for ${maxAgeMs} ms.`);
      }
      if (stream.finished) return;
      stream.events.push(...events);
      stream.expiresAt = Date.now() + maxAgeMs;
    },
    finish(id, ttlMs) {
      const stream = live(id);
      if (!stream) return;
      stream.finished = true;
      stream.expiresAt = Date.now() + ttlMs;
      unref(
        setTimeout(
          () => {
            if (streams.get(id) === stream) streams.delete(id);
          },
          Math.min(ttlMs, MAX_TIMER_MS),
        ),
      );
    },
    read(id, from) {
      const stream = live(id);
      if (!stream) return undefined;
      const { events, finished, info } = stream;
      return { ...info, events: events.slice(from, from + READ_PAGE), length: events.length, finished };
    },
    publish(id, signal) {
      for (const listener of channels.get(id) ?? []) listener(signal);
    },
    subscribe(id, listener) {
      let channel = channels.get(id);
      if (!channel) channels.set(id, (channel = new Set()));
      channel.add(listener);
      return () => {
        channel.delete(listener);
        if (channel.size === 0 && channels.get(id) === channel) channels.delete(id);
      };
    },
  };
}
