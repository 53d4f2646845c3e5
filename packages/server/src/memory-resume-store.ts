import type { KeptStreamInfo, ResumeSignal, ResumeStore } from './resume-store.ts';
import { unref } from './unref-timer.ts';

type Listener = (signal: ResumeSignal) => void;

// A read hands back at most this many events, as the Redis store does: each resume of a long answer
// then holds a page at a time instead of a copy of the rest of the answer.
const READ_PAGE = 512;
// The longest a timer waits; beyond it Node fires at once, and a finished stream would be forgotten
// as soon as it ended (a shared store keeps it for the whole ttl).
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A {@link ResumeStore} in this process's memory: the default of a relay with `resume`. Handlers
 * that share one (several routes, or several relays in one process) resume each other's streams;
 * separate processes need a shared store instead.
 *
 * @example
 * const store = createMemoryResumeStore();
 * export const POST = createChatHandler({ model: 'claude-sonnet-4-6', resume: { store } });
 */
export function createMemoryResumeStore(): ResumeStore {
  const streams = new Map<string, { events: Uint8Array[]; finished: boolean; info: KeptStreamInfo }>();
  // Kept apart from the streams, as a pub/sub channel is apart from the data: a reader subscribes
  // before it reads.
  const channels = new Map<string, Set<Listener>>();
  return {
    create(id, info) {
      streams.set(id, { events: [], finished: false, info });
    },
    append(id, events) {
      streams.get(id)?.events.push(...events);
    },
    finish(id, ttlMs) {
      const stream = streams.get(id);
      if (!stream) return;
      stream.finished = true;
      unref(setTimeout(() => streams.delete(id), Math.min(ttlMs, MAX_TIMER_MS)));
    },
    read(id, from) {
      const stream = streams.get(id);
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
