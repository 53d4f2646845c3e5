/**
 * A push-to-pull bridge: values pushed synchronously are read with `for await`. `close()` ends
 * the iteration after the buffered values; `fail(error)` rejects the next read after them.
 * `onReturn` runs when the consumer stops early (`break`, `return`, a throw in the loop body).
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  /** Pushed values; the unread ones start at `#head`. */
  #buffer: T[] = [];
  #head = 0;
  /** The read waiting for a value or the end. */
  #reader: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #closed = false;
  /** The failure the next read after the buffered values rejects with (once). */
  #error: unknown;
  readonly #onReturn: (() => void) | undefined;

  constructor(onReturn?: () => void) {
    this.#onReturn = onReturn;
  }

  /** Adds a value (ignored once closed). */
  push(value: T): void {
    if (this.#closed) return;
    this.#buffer.push(value);
    this.#deliver();
  }

  /** Ends the iteration once buffered values are read. */
  close(): void {
    this.fail(undefined);
  }

  /** Ends the iteration with `error` (none when undefined) once buffered values are read. */
  fail(error: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    this.#deliver();
  }

  /** Reads the next value. */
  next(): Promise<IteratorResult<T>> {
    return new Promise((resolve, reject) => {
      this.#reader = { resolve, reject };
      this.#deliver();
    });
  }

  /** Stops early: drops buffered values and tells the producer. */
  return(): Promise<IteratorResult<T>> {
    const wasOpen = !this.#closed;
    this.#buffer = [];
    this.#head = 0;
    this.#closed = true;
    this.#error = undefined;
    // A read still waiting (a `return()` called by hand beside a pending `next()`) ends too.
    const waiting = this.#reader;
    this.#reader = undefined;
    waiting?.resolve({ value: undefined, done: true });
    if (wasOpen) this.#onReturn?.();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Settles the waiting read, if any, when there is something to hand it. */
  #deliver(): void {
    const reader = this.#reader;
    if (!reader) return;
    if (this.#head < this.#buffer.length) {
      this.#reader = undefined;
      reader.resolve({ value: this.#buffer[this.#head++] as T, done: false });
      if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) {
        // Drop consumed entries now and then so a slow reader does not hold the whole stream.
        this.#buffer = this.#buffer.slice(this.#head);
        this.#head = 0;
      }
    } else if (this.#closed) {
      this.#reader = undefined;
      const error = this.#error;
      this.#error = undefined;
      if (error === undefined) reader.resolve({ value: undefined, done: true });
      else reader.reject(error);
    }
  }
}
