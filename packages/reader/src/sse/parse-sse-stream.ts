import { AbortError } from '../errors.ts';
import type { ServerSentEvent } from '../types.ts';
import { createSSEDecoder } from './sse-decoder.ts';

/** Options of {@link parseSSEStream}. */
export interface ParseSSEStreamOptions {
  /** Called at once for each valid `retry:` field with the reconnection time in milliseconds. */
  onRetry?: ((ms: number) => void) | undefined;
  /** Called for each comment line with the text after the colon, minus one leading space. */
  onComment?: ((text: string) => void) | undefined;
  /** Aborting stops reading, cancels the body and makes the iteration throw `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** Most characters buffered for one line plus one event's data; see `createSSEParser`. */
  maxBufferSize?: number | undefined;
}

/** What the generator needs from a body, whichever form it came in. */
interface ChunkSource {
  next(): Promise<IteratorResult<Uint8Array | string>>;
  /** Stops the body early; must not throw or wait. */
  cancel(reason: unknown): void;
  /** Lets go of the body after it ended or failed on its own. */
  release(): void;
}

/**
 * Reads a byte stream (or an async iterable of byte or text chunks) as server-sent events: UTF-8
 * decoded with one leading BOM stripped, parsed by the WHATWG rules. An event that never got its
 * blank line before the end is dropped.
 *
 * Leaving the loop early (`break`, `return`, a throw) cancels the body (`reader.cancel()` for a
 * `ReadableStream`, `return()` for an iterator). Aborting `options.signal` does the same and makes
 * the iteration throw `signal.reason` (an `AbortError` when the signal has none). Errors from the
 * body propagate unchanged; a line or event over `maxBufferSize` throws `BufferLimitError`.
 *
 * @example
 * const response = await fetch('/api/chat', { method: 'POST', body });
 * for await (const event of parseSSEStream(response.body!, { signal })) {
 *   if (event.event === 'content_block_delta') console.log(JSON.parse(event.data));
 * }
 */
export async function* parseSSEStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
  options: ParseSSEStreamOptions = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const { signal } = options;
  const source = toChunkSource(body);
  const queue: ServerSentEvent[] = [];
  const decoder = createSSEDecoder(
    { onEvent: (event) => queue.push(event), onRetry: options.onRetry, onComment: options.onComment },
    { maxBufferSize: options.maxBufferSize },
  );
  // settled: the body ended or failed by itself, so there is nothing to cancel.
  let settled = false;
  let cancelled = false;
  const cancel = (reason: unknown): void => {
    if (settled || cancelled) return;
    cancelled = true;
    source.cancel(reason);
  };
  // Rejects the read in flight; an abort must not wait for a body that may never produce again.
  let interruptRead: ((reason: unknown) => void) | undefined;
  const onAbort = (): void => {
    const reason = abortReason(signal);
    cancel(reason);
    interruptRead?.(reason);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let failure: unknown;
  try {
    if (signal?.aborted) throw abortReason(signal);
    for (;;) {
      let result: IteratorResult<Uint8Array | string>;
      try {
        result = await (signal
          ? readOrAbort(source, (interrupt) => (interruptRead = interrupt))
          : source.next());
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        settled = true;
        throw error;
      } finally {
        interruptRead = undefined;
      }
      if (signal?.aborted) throw abortReason(signal);
      if (result.done) {
        settled = true;
        source.release();
        decoder.end();
        return;
      }
      decoder.push(result.value);
      for (let i = 0; i < queue.length; i++) {
        // The consumer (or a callback) may abort between two events of one chunk.
        if (signal?.aborted) throw abortReason(signal);
        yield queue[i] as ServerSentEvent;
      }
      queue.length = 0;
      if (signal?.aborted) throw abortReason(signal);
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Reached early by a consumer's break (reason undefined), an abort, or a failure such as a
    // buffer limit: the body is not needed any more.
    cancel(failure);
  }
}

function readOrAbort(
  source: ChunkSource,
  register: (interrupt: (reason: unknown) => void) => void,
): Promise<IteratorResult<Uint8Array | string>> {
  // A fresh promise per read rather than Promise.race with one long-lived abort promise: each
  // race would leave a reaction on that promise, keeping every chunk alive until the stream ends.
  return new Promise((resolve, reject) => {
    register(reject);
    source.next().then(resolve, reject);
  });
}

function abortReason(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  return reason === undefined ? new AbortError() : reason;
}

function toChunkSource(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>): ChunkSource {
  if ('getReader' in body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      cancel(reason) {
        reader.cancel(reason).catch(ignore);
      },
      release() {
        reader.releaseLock();
      },
    };
  }
  const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    cancel() {
      try {
        void Promise.resolve(iterator.return?.()).catch(ignore);
      } catch {
        // A throwing return() must not hide why the iteration stopped.
      }
    },
    release() {},
  };
}

function ignore(): void {}
