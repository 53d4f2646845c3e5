/** A push-driven async iterable of text deltas, fed from successive snapshots of a growing text. */
export interface TextFeed extends AsyncIterable<string> {
  /** Pushes what `text` adds to what was pushed so far (a text that does not extend it is ignored). */
  sync(text: string): void;
  /** Ends the iteration once the queued deltas were read. */
  end(): void;
}

/**
 * Creates a {@link TextFeed}: the bridge from a store's snapshots (whole texts) to APIs that read
 * deltas, such as the reader's `segmentText`.
 *
 * @example
 * const feed = createTextFeed();
 * feed.sync('Hello'); feed.sync('Hello, world');
 * for await (const delta of feed) … // 'Hello', ', world'
 */
export function createTextFeed(): TextFeed {
  const queue: string[] = [];
  let sent = '';
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  return {
    sync(text) {
      if (ended || text.length <= sent.length || !text.startsWith(sent)) return;
      queue.push(text.slice(sent.length));
      sent = text;
      signal();
    },
    end() {
      ended = true;
      signal();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) yield next;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
