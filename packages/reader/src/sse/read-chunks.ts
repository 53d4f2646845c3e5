import { AbortError } from '../errors.ts';

/** What `readChunks` needs from a body, whichever form it came in. */
interface ChunkSource<Chunk> {
  next(): Promise<IteratorResult<Chunk>>;
  /** Stops the body early; must not throw or wait. */
  cancel(reason: unknown): void;
  /** Lets go of the body once reading stopped. */
  release(): void;
}

/**
 * Yields the chunks of a body (a `ReadableStream` or an async iterable), one read at a time.
 *
 * Aborting `signal` cancels the body at once and makes the iteration throw `signal.reason` (an
 * {@link AbortError} when it has none), even while a read is pending. Leaving the loop early
 * (`break`, a throw in its body) cancels the body too (`reader.cancel()`, or the iterator's
 * `return()`); cancelling is never awaited, as a tee'd body only settles it once every branch is
 * cancelled. A failed read throws `readError(failure)` (the failure itself by default).
 */
export async function* readChunks<Chunk>(
  body: ReadableStream<Chunk> | AsyncIterable<Chunk>,
  signal: AbortSignal | undefined,
  readError: (failure: unknown) => unknown = (failure) => failure,
): AsyncGenerator<Chunk, void, undefined> {
  const source = toChunkSource(body);
  // Set once the body ended or failed by itself, or was cancelled: then there is nothing to cancel.
  let settled = false;
  const cancel = (reason: unknown): void => {
    if (settled) return;
    settled = true;
    source.cancel(reason);
  };
  const onAbort = (): void => cancel(abortReason(signal));
  signal?.addEventListener('abort', onAbort, { once: true });
  let failure: unknown;
  try {
    for (;;) {
      throwIfAborted(signal);
      let result: IteratorResult<Chunk>;
      try {
        result = await source.next();
      } catch (error) {
        throwIfAborted(signal);
        settled = true;
        throw readError(error);
      }
      throwIfAborted(signal);
      if (result.done) {
        settled = true;
        return;
      }
      yield result.value;
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    cancel(failure);
    source.release();
  }
}

/** Throws the abort reason of `signal` (an {@link AbortError} when it has none) once it aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  return reason === undefined ? new AbortError() : reason;
}

function toChunkSource<Chunk>(body: ReadableStream<Chunk> | AsyncIterable<Chunk>): ChunkSource<Chunk> {
  if ('getReader' in body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Chunk>>,
      cancel(reason) {
        reader.cancel(reason).catch(ignore);
      },
      release() {
        reader.releaseLock();
      },
    };
  }
  const iterator = (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
  // Cancelling settles a pending `reader.read()`, but not a pending `iterator.next()`: that read is
  // rejected instead, as an abort must not wait for a body that may never produce again. A fresh
  // promise per read rather than Promise.race with one long-lived abort promise: each race would
  // leave a reaction on that promise, keeping every chunk alive until the stream ends.
  let interruptRead: ((reason: unknown) => void) | undefined;
  return {
    next: () =>
      new Promise((resolve, reject) => {
        interruptRead = reject;
        iterator.next().then(resolve, reject);
      }),
    cancel(reason) {
      interruptRead?.(reason);
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
