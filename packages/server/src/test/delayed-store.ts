import type { ResumeStore } from '../resume-store.ts';

/**
 * `store` as it behaves over a network (Redis behind a load balancer): every call answers after a
 * random 0 to `maxMs` ms, and each signal reaches each listener after its own random delay, so
 * signals may arrive out of order and after the events they announce were read.
 */
export function delayedStore(store: ResumeStore, maxMs = 3): ResumeStore {
  const pause = (): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * (maxMs + 1))));
  const later = async <T>(call: () => T | Promise<T>): Promise<T> => {
    await pause();
    const value = await call();
    await pause();
    return value;
  };
  return {
    create: (id, info) => later(() => store.create(id, info)),
    append: (id, events) => later(() => store.append(id, events)),
    finish: (id, ttlMs) => later(() => store.finish(id, ttlMs)),
    read: (id, from) => later(() => store.read(id, from)),
    publish: (id, signal) => later(() => store.publish(id, signal)),
    subscribe: (id, listener) =>
      later(() => store.subscribe(id, (signal) => void pause().then(() => listener(signal)))),
  };
}
