import { concatBytes } from './concat-bytes.ts';

const LF = 0x0a;
const CR = 0x0d;

/** Finds where SSE events end in a byte stream fed chunk by chunk. */
export interface EventBoundaryScanner {
  /**
   * Scans the next chunk and returns the offset just after the last event boundary (an empty
   * line) inside it, or -1 when the chunk completes no event. With `every`, each boundary's offset
   * is pushed there too, in order.
   */
  scan(chunk: Uint8Array, every?: number[]): number;
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
    scan(chunk, every) {
      let boundary = -1;
      const found = (at: number): void => {
        boundary = at;
        every?.push(at);
      };
      for (let index = 0; index < chunk.length; index++) {
        const byte = chunk[index];
        if (byte === LF) {
          if (previousCR) {
            // The LF of a CRLF: if the CR ended an event, keep the pair together.
            previousCR = false;
            if (crEndedEvent) {
              boundary = index + 1;
              // The CR counted as the boundary when it was in this chunk: move it past the LF.
              if (every?.at(-1) === index) every[every.length - 1] = index + 1;
              else every?.push(index + 1);
            }
            continue;
          }
          if (!lineHasContent) found(index + 1);
          lineHasContent = false;
        } else if (byte === CR) {
          previousCR = true;
          crEndedEvent = !lineHasContent;
          if (crEndedEvent) found(index + 1);
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

/** Cuts a byte stream into whole SSE events. */
export interface EventSplitter {
  /** The events the chunk completes (each ends with its blank line); the rest waits for more. */
  push(chunk: Uint8Array): Uint8Array[];
  /** What is left of an event the stream never finished. */
  rest(): Uint8Array;
}

/**
 * Creates an {@link EventSplitter}: the resumable relay numbers each event it keeps, so it needs
 * them one by one.
 *
 * @example
 * createEventSplitter().push(encode('data: 1\n\ndata: 2\n\ndata:')); // ['data: 1\n\n', 'data: 2\n\n']
 */
export function createEventSplitter(): EventSplitter {
  const scanner = createEventBoundaryScanner();
  let held: Uint8Array = new Uint8Array(0);
  return {
    push(chunk) {
      const ends: number[] = [];
      scanner.scan(chunk, ends);
      if (ends.length === 0) {
        held = concatBytes([held, chunk]);
        return [];
      }
      const events: Uint8Array[] = [];
      let start = 0;
      for (const end of ends) {
        events.push(start === 0 ? concatBytes([held, chunk.subarray(0, end)]) : chunk.slice(start, end));
        start = end;
      }
      held = chunk.slice(start);
      return events;
    },
    rest: () => held,
  };
}
