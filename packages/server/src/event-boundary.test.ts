import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventBoundaryScanner, createEventSplitter } from './event-boundary.ts';

const encoder = new TextEncoder();

/** `bytes` cut at `cuts` (out-of-range and repeated cuts ignored): each piece with its offset. */
function* cutInto(bytes: Uint8Array, cuts: readonly number[]): Generator<[Uint8Array, number]> {
  let start = 0;
  for (const end of [
    ...cuts.filter((cut) => cut > 0 && cut < bytes.length).toSorted((a, b) => a - b),
    bytes.length,
  ]) {
    if (end <= start) continue;
    yield [bytes.subarray(start, end), start];
    start = end;
  }
}

/** Offsets (in the whole stream) after which the scanner says an event ended, feeding `cuts`. */
function boundaries(text: string, cuts: readonly number[]): number[] {
  const scanner = createEventBoundaryScanner();
  const found: number[] = [];
  for (const [piece, start] of cutInto(encoder.encode(text), cuts)) {
    const at = scanner.scan(piece);
    if (at !== -1) found.push(start + at);
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

describe('createEventSplitter', () => {
  const decoder = new TextDecoder();
  /** The events split from `text` fed in pieces cut at `cuts`, and what is left. */
  function split(text: string, cuts: readonly number[]): { events: string[]; rest: string } {
    const splitter = createEventSplitter();
    const events: string[] = [];
    for (const [piece] of cutInto(encoder.encode(text), cuts)) {
      for (const event of splitter.push(piece)) events.push(decoder.decode(event));
    }
    return { events, rest: decoder.decode(splitter.rest()) };
  }

  it('hands out each whole event and keeps the unfinished one', () => {
    expect(split('event: a\ndata: 1\n\ndata: 2\n\ndata: 3', [])).toEqual({
      events: ['event: a\ndata: 1\n\n', 'data: 2\n\n'],
      rest: 'data: 3',
    });
  });

  it('cuts the same events however the bytes arrive, with any line ends', () => {
    const events = ['event: a\ndata: é\n\n', 'data: 1\r\n\r\n', ': ping\r\r', 'data: {"x":"✓"}\n\n'];
    const text = events.join('');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: encoder.encode(text).length })), (cuts) => {
        const result = split(text, cuts);
        // Every byte comes out once, in order, and an event never ends inside another.
        expect(result.events.join('') + result.rest).toBe(text);
        // The LF of a CRLF that arrives after its event was handed out comes alone (SSE reads the
        // pair as one line end all the same).
        const joined = result.events.reduce<string[]>((pieces, event) => {
          if (event === '\n' && pieces.at(-1)?.endsWith('\r')) pieces[pieces.length - 1] += event;
          else pieces.push(event);
          return pieces;
        }, []);
        expect(joined).toEqual(events);
      }),
    );
  });
});
