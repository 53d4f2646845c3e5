import { ConnectionError } from '../errors.ts';
import { createSSEDecoder } from '../sse/sse-decoder.ts';
import type { ServerSentEvent } from '../types.ts';

/** How a pump reads one body. */
export interface PumpOptions {
  /** Aborting it stops the read; its `reason` is what the pump throws. */
  signal: AbortSignal;
  /** Fail when no bytes arrive for this long (pings are bytes, so they keep a stream alive). */
  idleTimeoutMs?: number | undefined;
  /** Called on an idle timeout; expected to abort `signal` with the error to throw. */
  onIdle?: (() => void) | undefined;
  /** Passed to the SSE parser. */
  maxBufferSize?: number | undefined;
  /** Every body chunk's size, before its events. */
  onBytes: (count: number) => void;
  /** Every dispatched server-sent event, synchronously, in order. Throwing stops the pump. */
  onEvent: (event: ServerSentEvent) => void;
}

/**
 * Reads `body` to its end through the SSE decoder, handing each event to `onEvent` inline (no
 * promise per event: one await per chunk keeps the hot path fast). Resolves at the end of the body;
 * rejects with the abort reason, a {@link ConnectionError} for a failed read, or whatever `onEvent`
 * threw. The body is always released: cancelled when the pump stops early.
 */
export async function pumpEvents(body: ReadableStream<Uint8Array>, options: PumpOptions): Promise<void> {
  const { signal, idleTimeoutMs, onIdle } = options;
  signal.throwIfAborted();
  const reader = body.getReader();
  const decoder = createSSEDecoder({ onEvent: options.onEvent }, { maxBufferSize: options.maxBufferSize });
  // Cancelling resolves a pending read() with done, so an abort or idle timeout ends the wait at once.
  const cancel = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = (): void => {
    if (idleTimeoutMs === undefined || !onIdle) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(onIdle, idleTimeoutMs);
  };
  let finished = false;
  try {
    armIdle();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        signal.throwIfAborted();
        throw new ConnectionError(`The connection failed while streaming: ${describe(cause)}`, { cause });
      }
      signal.throwIfAborted();
      if (chunk.done) break;
      armIdle();
      options.onBytes(chunk.value.byteLength);
      decoder.push(chunk.value);
    }
    decoder.end();
    finished = true;
  } finally {
    clearTimeout(idleTimer);
    signal.removeEventListener('abort', cancel);
    // Not awaited: a tee'd or cloned body only settles its cancel once every branch is cancelled.
    if (!finished) void reader.cancel(signal.reason).catch(() => undefined);
    reader.releaseLock();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
