/** A push-driven async iterable of text: the bridge from React renders to `segmentText`. */
export interface TextChannel {
  /** The text pushed so far, then whatever comes next, until `close`; one reader iterates it, once. */
  readonly text: AsyncIterable<string>;
  push(text: string): void;
  close(): void;
}

/**
 * Creates a {@link TextChannel}. Pushed text is queued until read; closing ends the iteration once
 * the queue is drained.
 */
export function createTextChannel(): TextChannel {
  const queue: string[] = [];
  let closed = false;
  // Resolves the promise the reader waits on; calling it again once resolved does nothing.
  let wake: (() => void) | undefined;
  const notify = (): void => wake?.();
  return {
    text: (async function* () {
      for (;;) {
        while (queue.length) yield queue.shift()!;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    })(),
    push(text) {
      queue.push(text);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
  };
}
