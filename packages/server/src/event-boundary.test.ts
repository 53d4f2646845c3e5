import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventBoundaryScanner } from './event-boundary.ts';

const encoder = new TextEncoder();

/** Offsets (in the whole stream) after which the scanner says an event ended, feeding `cuts`. */
function boundaries(text: string, cuts: readonly number[]): number[] {
  const bytes = encoder.encode(text);
  const scanner = createEventBoundaryScanner();
  const found: number[] = [];
  let start = 0;
  for (const end of [
    ...cuts.filter((cut) => cut > 0 && cut < bytes.length).toSorted((a, b) => a - b),
    bytes.length,
  ]) {
    if (end <= start) continue;
    const at = scanner.scan(bytes.subarray(start, end));
    if (at !== -1) found.push(start + at);
    start = end;
  }
  return found;
}

describe('createEventBoundaryScanner', () => {
  it('finds the end of each event with LF, CRLF and CR line ends', () => {
    expect(boundaries('event: a\ndata: 1\n\nevent: b', [])).toEqual([18]);
    expect(boundaries('data: 1\r\n\r\ndata: 2', [])).toEqual([11]);
    expect(boundaries('data: 1\r\rdata: 2', [])).toEqual([9]);
  });

  it('keeps a CRLF that ends an event together across chunks', () => {
    const scanner = createEventBoundaryScanner();
    expect(scanner.scan(encoder.encode('data: 1\r\n\r'))).toBe(10);
    expect(scanner.scan(encoder.encode('\ndata: 2'))).toBe(1);
  });

  it('reports nothing inside an event, even when cut at every byte', () => {
    const text = 'event: content_block_delta\ndata: {"text":"é😀"}\n';
    expect(
      boundaries(
        text,
        Array.from({ length: 80 }, (_, index) => index),
      ),
    ).toEqual([]);
  });

  it('agrees with a whole-stream reading however the stream is cut (fast-check)', () => {
    const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
    const event = fc.tuple(
      fc.array(fc.stringMatching(/^[a-z:{}" ]{1,8}$/u), { minLength: 1, maxLength: 3 }),
      lineEnd,
    );
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(200)), (events, cuts) => {
        let text = '';
        const ends: number[] = [];
        const allowed: number[] = [];
        for (const [lines, eol] of events) {
          text += lines.map((line) => line + eol).join('') + eol;
          const end = encoder.encode(text).length;
          ends.push(end);
          allowed.push(end);
          // The CR of a final CRLF already ends the event; its LF may follow in the next chunk.
          if (eol === '\r\n') allowed.push(end - 1);
        }
        const found = boundaries(text, cuts);
        // Every boundary found ends some event, and the last one is the end of the stream.
        for (const offset of found) expect(allowed).toContain(offset);
        expect(found.at(-1)).toBe(ends.at(-1));
      }),
    );
  });
});
