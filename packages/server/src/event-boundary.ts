const LF = 0x0a;
const CR = 0x0d;

/** Finds where SSE events end in a byte stream fed chunk by chunk. */
export interface EventBoundaryScanner {
  /**
   * Scans the next chunk and returns the offset just after the last event boundary (an empty
   * line) inside it, or -1 when the chunk completes no event.
   */
  scan(chunk: Uint8Array): number;
}

/**
 * Creates an {@link EventBoundaryScanner}. Line ends follow the SSE rules (`\n`, `\r\n`, `\r`,
 * mixed, split across chunks); a blank line ends an event. Works on bytes: the line-end bytes never
 * occur inside a multi-byte UTF-8 character, so no decoding is needed.
 *
 * @example
 * const scanner = createEventBoundaryScanner();
 * scanner.scan(new TextEncoder().encode('event: ping\ndata: {}\n\nevent: x')); // 22
 */
export function createEventBoundaryScanner(): EventBoundaryScanner {
  let lineHasContent = false;
  let previousCR = false;
  let crEndedEvent = false;
  return {
    scan(chunk) {
      let boundary = -1;
      for (let index = 0; index < chunk.length; index++) {
        const byte = chunk[index];
        if (byte === LF) {
          if (previousCR) {
            // The LF of a CRLF: if the CR ended an event, keep the pair together.
            previousCR = false;
            if (crEndedEvent) boundary = index + 1;
            continue;
          }
          if (!lineHasContent) boundary = index + 1;
          lineHasContent = false;
        } else if (byte === CR) {
          previousCR = true;
          crEndedEvent = !lineHasContent;
          if (crEndedEvent) boundary = index + 1;
          lineHasContent = false;
        } else {
          previousCR = false;
          lineHasContent = true;
        }
      }
      return boundary;
    },
  };
}
