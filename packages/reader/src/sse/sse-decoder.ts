import { createSSEParser } from './sse-parser.ts';
import type { SSEParserCallbacks, SSEParserOptions } from './sse-parser.ts';

/** A synchronous bytes → server-sent events decoder for one stream at a time. */
export interface SSEDecoder {
  /**
   * Decodes the next body chunk and hands every event it completes to `onEvent` before returning.
   * Strings are taken as already decoded text (bytes still pending in the UTF-8 decoder are
   * flushed first, as replacement characters).
   */
  push(chunk: Uint8Array | string): void;
  /**
   * Ends the stream: flushes the UTF-8 decoder and discards an unterminated last line or an event
   * that never got its blank line. The decoder is then ready for a new stream (BOM, buffers and last
   * event id start afresh).
   */
  end(): void;
}

const BOM = 0xfeff;

/**
 * Creates a streaming decoder from event-stream bytes to `ServerSentEvent`s: UTF-8 decoding
 * that keeps code points split across chunks intact (invalid bytes become U+FFFD, as
 * `TextDecoder` does), one U+FEFF stripped at the very start of the stream only, then
 * {@link createSSEParser}. Everything happens inside `push()`, so a caller can act on a chunk's
 * events without a promise per event.
 *
 * @example
 * const events: ServerSentEvent[] = [];
 * const decoder = createSSEDecoder({ onEvent: (event) => events.push(event) });
 * const bytes = new TextEncoder().encode('\uFEFFevent: ping\ndata: {"type":"ping"}\n\n');
 * decoder.push(bytes.subarray(0, 2)); // half of the BOM: nothing yet
 * decoder.push(bytes.subarray(2));
 * decoder.end();
 * // events: [{ event: 'ping', data: '{"type":"ping"}', id: '' }]
 */
export function createSSEDecoder(callbacks: SSEParserCallbacks, options: SSEParserOptions = {}): SSEDecoder {
  const parser = createSSEParser(callbacks, options);
  // ignoreBOM keeps U+FEFF in the output: the BOM is stripped here, once, at the stream's start,
  // and a U+FEFF later in the stream must stay an ordinary character.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const streaming = { stream: true };
  let atStart = true;

  function feed(text: string): void {
    if (text.length === 0) return;
    if (atStart) {
      // Decided by the first decoded character, so an empty chunk or a BOM split across byte
      // chunks (which decode to '') does not use up the start of the stream.
      atStart = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    parser.feed(text);
  }

  return {
    push(chunk) {
      if (typeof chunk === 'string') {
        feed(utf8.decode());
        feed(chunk);
      } else {
        feed(utf8.decode(chunk, streaming));
      }
    },
    end() {
      // The flushed tail can only be U+FFFD of a cut-off code point on the unterminated last line,
      // which is discarded anyway: resetting the decoder is all that is needed.
      utf8.decode();
      parser.reset();
      atStart = true;
    },
  };
}
