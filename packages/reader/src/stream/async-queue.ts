/**
 * A push-to-pull bridge: values pushed synchronously are read with `for await`. `close()` ends
 * the iteration after the buffered values; `fail(error)` rejects the next read after them.
 * `onReturn` runs when the consumer stops early (`break`, `return`, a throw in the loop body).
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  #buffer: T[] = [];
  #head = 0;
  #waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #closed = false;
  #error: { value: unknown } | undefined;
  readonly #onReturn: (() => void) | undefined;

  constructor(onReturn?: () => void) {
    this.#onReturn = onReturn;
  }

  /** Adds a value (ignored once closed). */
  push(value: T): void {
    if (this.#closed) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting.resolve({ value, done: false });
    } else {
      this.#buffer.push(value);
    }
  }

  /** Ends the iteration once buffered values are read. */
  close(): void {
    this.#finish(undefined);
  }

  /** Ends the iteration with `error` once buffered values are read. */
  fail(error: unknown): void {
    this.#finish({ value: error });
  }

  /** Reads the next value. */
  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head] as T;
      this.#head += 1;
      if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) {
        // Drop consumed entries now and then so a slow reader does not hold the whole stream.
        this.#buffer = this.#buffer.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#error) {
      const { value } = this.#error;
      this.#error = undefined;
      return Promise.reject(value instanceof Error ? value : new Error(String(value)));
    }
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  /** Stops early: drops buffered values and tells the producer. */
  return(): Promise<IteratorResult<T>> {
    const wasOpen = !this.#closed;
    this.#buffer = [];
    this.#head = 0;
    this.#closed = true;
    this.#error = undefined;
    if (wasOpen) this.#onReturn?.();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #finish(error: { value: unknown } | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (!waiting) {
      this.#error = error;
      return;
    }
    if (error) waiting.reject(error.value);
    else waiting.resolve({ value: undefined, done: true });
  }
}
