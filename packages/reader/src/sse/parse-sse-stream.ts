import type { ServerSentEvent } from '../types.ts';
import { readChunks, throwIfAborted } from './read-chunks.ts';
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
  const events: ServerSentEvent[] = [];
  const decoder = createSSEDecoder(
    { onEvent: (event) => events.push(event), onRetry: options.onRetry, onComment: options.onComment },
    { maxBufferSize: options.maxBufferSize },
  );
  for await (const chunk of readChunks(body, signal)) {
    decoder.push(chunk);
    for (const event of events) {
      // The consumer (or a callback) may abort between two events of one chunk.
      throwIfAborted(signal);
      yield event;
    }
    events.length = 0;
  }
  decoder.end();
}
