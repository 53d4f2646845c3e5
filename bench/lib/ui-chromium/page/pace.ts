// Delivery for both apps: a few items per macrotask, at full speed, as a fast network hands a page
// its stream in socket-sized reads (one event per task starves: Chromium then runs about one task per
// rendered frame, and the stream crawls at one token per frame).

/**
 * Body reads per answer, the same for every protocol: Chromium runs about one of these tasks per
 * rendered frame, so equal read counts give every library the same frames to fill.
 */
export const READS = 64;

let nextTaskQueue: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.addEventListener('message', () => {
  const queue = nextTaskQueue;
  nextTaskQueue = [];
  for (const resolve of queue) resolve();
});
channel.port1.start();

/** Resolves in a new macrotask with no added delay (a `MessageChannel` message; timers are clamped). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (nextTaskQueue.push(resolve) === 1) channel.port2.postMessage(undefined);
  });
}

/** `texts` joined, cut into {@link READS} equal reads (across UTF-8 sequences, as sockets do). */
export function toReads(texts: readonly Uint8Array[]): Uint8Array[] {
  const total = texts.reduce((sum, bytes) => sum + bytes.length, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const bytes of texts) {
    all.set(bytes, offset);
    offset += bytes.length;
  }
  const size = Math.ceil(total / READS);
  const reads: Uint8Array[] = [];
  for (let start = 0; start < total; start += size) reads.push(all.subarray(start, start + size));
  return reads;
}

/**
 * A stream handing out `batches`, each batch in its own macrotask (all its items at once). `onDone`
 * runs when the last batch has been handed out.
 */
export function pacedStream<T>(batches: readonly (readonly T[])[], onDone: () => void): ReadableStream<T> {
  let next = 0;
  return new ReadableStream<T>(
    {
      async pull(controller) {
        await nextTask();
        const batch = batches[next++];
        if (batch === undefined) {
          onDone();
          controller.close();
        } else for (const item of batch) controller.enqueue(item);
      },
    },
    { highWaterMark: 0 },
  );
}

/** `items` in `count` batches of (nearly) equal size. */
export function inBatches<T>(items: readonly T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
