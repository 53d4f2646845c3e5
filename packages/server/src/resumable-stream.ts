import { concatBytes } from './concat-bytes.ts';
import { createEventSplitter } from './event-boundary.ts';
import type { RelaySource } from './relay-source.ts';

const encoder = new TextEncoder();

/** How long a resumable stream waits and is kept. */
export interface ResumeTimes {
  /** How long upstream goes on with no client reading, waiting for one to resume. */
  graceMs: number;
  /** How long a finished stream stays available to resume. */
  ttlMs: number;
}

/** What a resumable stream needs besides its source. */
export interface ResumableStreamOptions extends ResumeTimes {
  /** Sent to a reader when nothing went out for `pingIntervalMs` (0: never). */
  ping: Uint8Array;
  pingIntervalMs: number;
  /** The in-band event for an upstream failure, kept as the stream's last event. */
  errorEvent: (error: unknown) => Uint8Array;
  /** Told about upstream failures (not about a cancel). */
  onError: (error: unknown) => void;
  /** Called once the stream is no longer kept. */
  onExpire: () => void;
}

/**
 * One upstream response, read to its end whether or not a client reads it, its events numbered
 * (`id: 1`, `id: 2`, …) and kept, so a client whose connection dropped can come back with
 * `Last-Event-ID` and read on from there, live. Upstream is aborted when nobody has read it for
 * `graceMs`, or at once by {@link ResumableStream.cancel}; a finished stream is kept `ttlMs`.
 */
export class ResumableStream {
  /** The stream's name for resume and cancel requests: 122 random bits, so it is its own key. */
  readonly id: string = crypto.randomUUID();
  readonly #events: Uint8Array[] = [];
  readonly #source: RelaySource;
  readonly #options: ResumableStreamOptions;
  #wake: (() => void)[] = [];
  #finished = false;
  #cancelled = false;
  #readers = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(source: RelaySource, options: ResumableStreamOptions) {
    this.#source = source;
    this.#options = options;
    void this.#pump();
  }

  /** How many events were kept so far: the highest `Last-Event-ID` a client can have seen. */
  get eventCount(): number {
    return this.#events.length;
  }

  /**
   * A response body with the events after event `after` (0: all of them), then the live ones as
   * they come, with pings while upstream is quiet. Cancelling it (the client went away) starts the
   * grace period when it was the last reader.
   */
  read(after: number): ReadableStream<Uint8Array> {
    let next = after;
    // Closed by `leave`, also while a pull waits: an object, so the wait loop reads it afresh.
    const reader = { closed: false };
    const { ping, pingIntervalMs } = this.#options;
    this.#attach();
    const leave = (): void => {
      if (reader.closed) return;
      reader.closed = true;
      this.#detach();
      // Ends the wait of a pull in progress.
      this.#notify();
    };
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          while (!reader.closed && next === this.#events.length && !this.#finished) {
            const pings =
              pingIntervalMs > 0 ? setInterval(() => controller.enqueue(ping), pingIntervalMs) : undefined;
            await new Promise<void>((resolve) => this.#wake.push(resolve));
            clearInterval(pings);
          }
          if (reader.closed) return;
          if (next < this.#events.length) {
            const events = this.#events.slice(next);
            next = this.#events.length;
            controller.enqueue(concatBytes(events));
            return;
          }
          leave();
          controller.close();
        },
        cancel: leave,
      },
      { highWaterMark: 0 },
    );
  }

  /** Aborts upstream now (the user stopped the answer); readers get the events kept so far. */
  cancel(reason: unknown): void {
    if (this.#finished || this.#cancelled) return;
    this.#cancelled = true;
    void this.#source.cancel(reason);
  }

  async #pump(): Promise<void> {
    const splitter = createEventSplitter();
    try {
      for (;;) {
        const { done, value } = await this.#source.read();
        if (done) break;
        for (const event of splitter.push(value)) this.#keep(event);
      }
      // An event upstream never finished is forwarded as it is (a reader discards it at the end).
      const rest = splitter.rest();
      if (rest.byteLength > 0) this.#events.push(rest);
    } catch (error) {
      if (!this.#cancelled) {
        this.#options.onError(error);
        this.#keep(this.#options.errorEvent(error));
      }
    } finally {
      this.#finished = true;
      this.#notify();
      clearTimeout(this.#timer);
      this.#timer = unref(setTimeout(this.#options.onExpire, this.#options.ttlMs));
    }
  }

  #keep(event: Uint8Array): void {
    this.#events.push(concatBytes([encoder.encode(`id: ${this.#events.length + 1}\n`), event]));
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resolve of wake) resolve();
  }

  #attach(): void {
    this.#readers += 1;
    if (!this.#finished) clearTimeout(this.#timer);
  }

  #detach(): void {
    this.#readers -= 1;
    if (this.#readers > 0 || this.#finished) return;
    clearTimeout(this.#timer);
    this.#timer = unref(
      setTimeout(
        () => this.cancel(new Error(`No client resumed the stream within ${this.#options.graceMs} ms.`)),
        this.#options.graceMs,
      ),
    );
  }
}

/** Node keeps a process alive while a timer is pending; an expiry must not. */
function unref(timer: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
