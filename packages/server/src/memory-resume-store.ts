import type { KeptStreamInfo, ResumeSignal, ResumeStore } from './resume-store.ts';
import { unref } from './unref-timer.ts';

type Listener = (signal: ResumeSignal) => void;

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
      unref(setTimeout(() => streams.delete(id), ttlMs));
    },
    read(id, from) {
      const stream = streams.get(id);
      if (!stream) return undefined;
      const { events, finished, info } = stream;
      return { ...info, events: events.slice(from), length: events.length, finished };
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
