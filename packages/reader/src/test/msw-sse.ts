/**
 * Test helpers for streaming bodies: a `ReadableStream` the test writes into chunk by chunk
 * (and can close, break or watch being cancelled), and responses shaped like Anthropic's.
 */

/** A response body the test drives by hand. */
export interface ControlledBody {
  /** The stream to hand to a `Response` or to `readMessageStream`. */
  readonly body: ReadableStream<Uint8Array>;
  /** Enqueues `text` as one UTF-8 chunk (ignored once the stream ended or was cancelled). */
  send(text: string): void;
  /** Ends the body cleanly. */
  close(): void;
  /** Breaks the body, as a dropped connection does: the reader's pending `read()` rejects. */
  fail(error: unknown): void;
  /** True once the consumer cancelled the body. */
  readonly cancelled: boolean;
  /** The reason the consumer cancelled with. */
  readonly cancelReason: unknown;
}

const encoder = new TextEncoder();

/** A {@link ControlledBody}, optionally starting with `initial` already enqueued. */
export function controlledBody(initial?: string): ControlledBody {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  let cancelled = false;
  let cancelReason: unknown;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel(reason) {
      ended = true;
      cancelled = true;
      cancelReason = reason;
    },
  });
  const handle: ControlledBody = {
    body,
    send(text) {
      if (!ended) controller.enqueue(encoder.encode(text));
    },
    close() {
      if (ended) return;
      ended = true;
      controller.close();
    },
    fail(error) {
      if (ended) return;
      ended = true;
      controller.error(error);
    },
    get cancelled() {
      return cancelled;
    },
    get cancelReason() {
      return cancelReason;
    },
  };
  if (initial !== undefined) handle.send(initial);
  return handle;
}

/** A body stream holding `text`, split into UTF-8 chunks of `chunkSize` bytes, then closed. */
export function bytesStream(text: string, chunkSize = 64): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (offset >= bytes.length) {
        c.close();
        return;
      }
      c.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** A 200 `text/event-stream` response with `body` (a string is sent whole, then closed). */
export function sseResponse(
  body: ReadableStream<Uint8Array> | string,
  headers: Record<string, string> = {},
): Response {
  return new Response(typeof body === 'string' ? bytesStream(body) : body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_stream', ...headers },
  });
}

/** An Anthropic error response: `{"type":"error","error":{type,message},"request_id"}` as JSON. */
export function anthropicErrorResponse(
  status: number,
  errorType: string,
  message: string,
  headers: Record<string, string> = {},
  requestId = 'req_body',
): Response {
  const body = JSON.stringify({ type: 'error', error: { type: errorType, message }, request_id: requestId });
  return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
}
