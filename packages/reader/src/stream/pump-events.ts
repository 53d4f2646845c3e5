import { later } from '../later.ts';
import {
  AbortError,
  ConnectionError,
  isChatStreamError,
  messageWithCause,
  ProtocolError,
  StreamEventError,
  TimeoutError,
} from '../errors.ts';
import { readChunks } from '../sse/read-chunks.ts';
import { createSSEDecoder } from '../sse/sse-decoder.ts';
import type { MessageSnapshot, MessageStreamEvent } from '../types.ts';
import { createEventDecoder, type EventDecoder, type StreamProtocol } from './event-decoder.ts';

/** The event `@chatstream/server` ends a kept stream with when it was stopped. */
const STOPPED_EVENT = 'chatstream.stopped';

/** How a pump reads one body. */
export interface PumpOptions {
  /**
   * Aborting it stops the read; its `reason` is what the pump throws. The pump aborts it itself
   * on an idle timeout and on a stream `error` event.
   */
  controller: AbortController;
  /** The wire protocol of the body. */
  protocol: StreamProtocol;
  /** The protocol's decoder, when it goes on from an earlier body (a resumed stream). */
  decode?: EventDecoder | undefined;
  /** Fail when no bytes arrive for this long (pings are bytes, so they keep a stream alive). */
  idleTimeoutMs?: number | undefined;
  /** Passed to the SSE parser. */
  maxBufferSize?: number | undefined;
  /** What arrived so far, kept by the errors the pump raises. */
  partial?: (() => MessageSnapshot | undefined) | undefined;
  /** The request id for a stream `error` event that carries none. */
  requestId?: (() => string | undefined) | undefined;
  /** The last event id (SSE `id:`) after each event the body completes, once the event was decoded and handled. */
  onEventId?: ((id: string) => void) | undefined;
  /** Every body chunk's size, before its events. */
  onBytes?: ((count: number) => void) | undefined;
  /**
   * Every Anthropic event, synchronously, in order; nothing once `controller` is aborted, so nothing
   * after an `error` event (which comes after the {@link StreamEventError} for it aborted
   * `controller`) or after an event whose handling aborted it. Throwing stops the pump.
   */
  onEvent: (event: MessageStreamEvent) => void;
}

/**
 * Reads `body` to its end through the SSE decoder and the protocol's event decoder, handing each
 * event to `onEvent` inline (no promise per event: one await per chunk keeps the hot path fast).
 * Resolves at the end of the body, or at `message_stop` (the body then released); rejects with the abort reason (a {@link TimeoutError} when idle,
 * a {@link StreamEventError} for an `error` event), a {@link ConnectionError} for a failed read, or
 * whatever `onEvent` threw. The body is always released: cancelled when the pump stops early.
 */
export async function pumpEvents(body: ReadableStream<Uint8Array>, options: PumpOptions): Promise<void> {
  const { controller, idleTimeoutMs, partial, onEvent } = options;
  const decode = options.decode ?? createEventDecoder(options.protocol);
  // The message is whole at its `message_stop`: what comes after it (a dropped connection, a relay's
  // error for that drop, a body that never closes) must not turn a complete answer into a failure.
  let whole = false;
  const emit = (event: MessageStreamEvent): void => {
    if (event.type === 'message_stop') whole = true;
    if (event.type === 'error') {
      const requestId = typeof event.request_id === 'string' ? event.request_id : options.requestId?.();
      // Nothing follows an error event: stop reading now rather than wait for the close.
      // The API always names the type and says what happened; a proxy or a broken server may not.
      const { type, message } = event.error as { type?: unknown; message?: unknown };
      const errorType = typeof type === 'string' && type !== '' ? type : 'unknown_error';
      const text =
        typeof message === 'string' && message !== '' ? message : `The stream sent an ${errorType} event`;
      controller.abort(new StreamEventError(errorType, text, { partial: partial?.(), requestId }));
    }
    onEvent(event);
  };
  const decoder = createSSEDecoder(
    {
      onEvent: (sse) => {
        // A chunk's events are decoded in one go: one a listener stopped the stream at (or an
        // error event) must be the last one handled, not just the last chunk read.
        if (controller.signal.aborted || whole) return;
        // A relay's kept stream that was stopped (by another reader, or none came back in time)
        // ends so: read on from it, the answer is stopped, not cut off.
        if (sse.event === STOPPED_EVENT) {
          // Stopped as its message had just ended: it is whole.
          const snapshot = partial?.();
          if (!snapshot?.complete)
            controller.abort(new AbortError('The stream was stopped', { partial: snapshot }));
          return;
        }
        decode(sse, emit);
        // After the event was applied: a listener may count what the stream holds up to it.
        options.onEventId?.(sse.id);
      },
    },
    { maxBufferSize: options.maxBufferSize },
  );
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = (): void => {
    if (idleTimeoutMs === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = later(
      () => controller.abort(new TimeoutError('idle', idleTimeoutMs, { partial: partial?.() })),
      idleTimeoutMs,
    );
  };
  const chunks = readChunks<unknown>(body, controller.signal, (cause) =>
    // A source of the app's own (a socket, IPC) may fail with the typed error it means.
    isChatStreamError(cause)
      ? cause
      : new ConnectionError(`The connection failed while streaming: ${messageWithCause(cause)}`, { cause }),
  );
  try {
    armIdle();
    for await (const read of chunks) {
      armIdle();
      const chunk = bytesOrText(read);
      if (chunk === undefined) {
        throw new ProtocolError(
          `A stream's chunks are bytes (a Uint8Array or an ArrayBuffer) or text; one was ${kindOf(read)}`,
          { partial: partial?.() },
        );
      }
      // Text is rare here (an app's own source): its bytes are counted by encoding it.
      options.onBytes?.((typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk).byteLength);
      decoder.push(chunk);
      // Leaving the loop releases the body.
      if (whole) return;
    }
    decoder.end();
  } finally {
    clearTimeout(idleTimer);
  }
}

/**
 * A chunk as the decoder takes it, or undefined for one that is neither bytes nor text (a mistake to
 * report, not a lost connection to retry). Bytes first, as nearly every chunk is; not by
 * `instanceof`: bytes from another realm (Jest's jsdom, an iframe) are bytes too. A WebSocket's
 * `binaryType = 'arraybuffer'` hands over ArrayBuffers.
 */
function bytesOrText(chunk: unknown): Uint8Array | string | undefined {
  if (ArrayBuffer.isView(chunk) || typeof chunk === 'string') return chunk as Uint8Array | string;
  return Object.prototype.toString.call(chunk) === '[object ArrayBuffer]'
    ? new Uint8Array(chunk as ArrayBuffer)
    : undefined;
}

/** What a chunk that is not one is (`Object` for an event object, `ArrayBuffer`, `number`). */
const kindOf = (value: unknown): string =>
  (value as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof value;
