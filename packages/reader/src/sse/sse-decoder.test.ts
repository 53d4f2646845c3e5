import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServerSentEvent } from '../types.ts';
import { createSSEDecoder } from './sse-decoder.ts';

interface Decoded {
  events: ServerSentEvent[];
  retries: number[];
  comments: string[];
}

const encoder = new TextEncoder();

function bytesOf(...parts: (string | readonly number[])[]): Uint8Array {
  const arrays = parts.map((part) =>
    typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}

function decode(chunks: (Uint8Array | string)[]): Decoded {
  const decoded: Decoded = { events: [], retries: [], comments: [] };
  const decoder = createSSEDecoder({
    onEvent: (event) => decoded.events.push(event),
    onRetry: (ms) => decoded.retries.push(ms),
    onComment: (text) => decoded.comments.push(text),
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return decoded;
}

function events(...chunks: (Uint8Array | string)[]): ServerSentEvent[] {
  return decode(chunks).events;
}

function sse(data: string, type = 'message', id = ''): ServerSentEvent {
  return { event: type, data, id };
}

const BOM = [0xef, 0xbb, 0xbf];

describe('createSSEDecoder: UTF-8 (rule 1)', () => {
  it('decodes a code point split across chunks, at every split position', () => {
    const bytes = bytesOf('data: a€b😀c\n\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(events(bytes.subarray(0, cut), bytes.subarray(cut))).toEqual([sse('a€b😀c')]);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const bytes = bytesOf('event: 日本\ndata: Ωμέγα 😀\n\n');
    expect(events(...Array.from(bytes, (byte) => Uint8Array.of(byte)))).toEqual([sse('Ωμέγα 😀', '日本')]);
  });

  it('replaces invalid bytes with U+FFFD as TextDecoder does', () => {
    expect(events(bytesOf('data: a', [0xff], 'b', [0xc3], '\n\n'))).toEqual([sse('a\uFFFDb\uFFFD')]);
  });

  it('replaces a sequence cut off by the next chunk’s bytes, not by the chunk boundary', () => {
    expect(events(bytesOf('data: x', [0xe2, 0x82]), bytesOf('y\n\n'))).toEqual([sse('x\uFFFDy')]);
  });

  it('accepts text chunks, flushing bytes still pending in the UTF-8 decoder', () => {
    expect(events(bytesOf('data: a', [0xe2]), 'b\n', bytesOf('\n'))).toEqual([sse('a\uFFFDb')]);
  });

  it('hands events over inside push()', () => {
    const seen: ServerSentEvent[] = [];
    const decoder = createSSEDecoder({ onEvent: (e) => seen.push(e) });
    decoder.push(bytesOf('data: a\n\n'));
    expect(seen).toEqual([sse('a')]);
  });
});

describe('createSSEDecoder: BOM (rule 2)', () => {
  it('strips a BOM at the very start of the stream', () => {
    expect(events(bytesOf(BOM, 'data: a\n\n'))).toEqual([sse('a')]);
  });

  it('strips only one BOM (a second one belongs to the field name)', () => {
    expect(events(bytesOf(BOM, BOM, 'data: a\n\ndata: b\n\n'))).toEqual([sse('b')]);
  });

  it('still strips the BOM after an empty first chunk', () => {
    expect(events(new Uint8Array(0), bytesOf(BOM, 'data: a\n\n'))).toEqual([sse('a')]);
    expect(events('', '\uFEFFdata: a\n\n')).toEqual([sse('a')]);
  });

  it('strips a BOM split across byte chunks', () => {
    expect(events(Uint8Array.of(0xef), Uint8Array.of(0xbb), bytesOf([0xbf], 'data: a\n\n'))).toEqual([
      sse('a'),
    ]);
    expect(events(Uint8Array.of(0xef, 0xbb), new Uint8Array(0), bytesOf([0xbf], 'data: a\n\n'))).toEqual([
      sse('a'),
    ]);
  });

  it('keeps a U+FEFF that is not at the start of the stream', () => {
    expect(events(bytesOf('data: a\n\n', BOM, 'data: b\n\ndata: ', BOM, 'c\n\n'))).toEqual([
      sse('a'),
      sse('\uFEFFc'),
    ]);
    expect(events(bytesOf('\n'), bytesOf(BOM, 'data: a\n\n'))).toEqual([]);
  });
});

describe('createSSEDecoder: end of stream (rule 8)', () => {
  it('discards an event without its blank line', () => {
    expect(events(bytesOf('data: a\n\ndata: b\n'))).toEqual([sse('a')]);
  });

  it('discards an unterminated last line', () => {
    expect(events(bytesOf('data: a\n\ndata: b'))).toEqual([sse('a')]);
    expect(events(bytesOf('data: a\n\n', [0xf0, 0x9f]))).toEqual([sse('a')]);
  });

  it('starts a new stream after end(): BOM, buffers and last event id', () => {
    const seen: ServerSentEvent[] = [];
    const decoder = createSSEDecoder({ onEvent: (e) => seen.push(e) });
    decoder.push(bytesOf(BOM, 'id: 1\ndata: a\n\ndata: dropped', [0xe2]));
    decoder.end();
    decoder.push(bytesOf(BOM, 'data: b\n\n'));
    decoder.end();
    expect(seen).toEqual([sse('a', 'message', '1'), sse('b')]);
  });
});

// ---- property tests ------------------------------------------------------------------------------

/**
 * An obviously correct reader: decode everything at once, split into lines with a regular
 * expression, interpret each line by the spec's words.
 */
function referenceParse(bytes: Uint8Array): Decoded {
  const result: Decoded = { events: [], retries: [], comments: [] };
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = text.split(/\r\n|\r|\n/);
  // The piece after the last line ending is an unterminated line: dropped at the end of the stream.
  lines.pop();
  let data = '';
  let type = '';
  let idBuffer = '';
  for (const line of lines) {
    if (line === '') {
      if (data === '') {
        type = '';
        continue;
      }
      result.events.push({ event: type === '' ? 'message' : type, data: data.slice(0, -1), id: idBuffer });
      data = '';
      type = '';
      continue;
    }
    if (line.startsWith(':')) {
      result.comments.push(line.slice(1).replace(/^ /, ''));
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') type = value;
    else if (name === 'data') data += `${value}\n`;
    else if (name === 'id' && !value.includes('\0')) idBuffer = value;
    else if (name === 'retry' && /^[0-9]+$/.test(value)) result.retries.push(Number.parseInt(value, 10));
  }
  return result;
}

const valueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom(
    '',
    ' ',
    ' x',
    '  y',
    '\tz',
    '0',
    '0042',
    '1a',
    '-1',
    '\0',
    'a:b',
    '\uFEFF',
    '\u2028\u0085\v\f',
  ),
);

const lineArb = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  {
    arbitrary: fc.tuple(
      fc.constantFrom('data', 'data', 'event', 'id', 'retry', 'Data', 'foo', '', '\uFEFFdata'),
      fc.constantFrom(':', ': ', ':  ', ''),
      valueArb,
    ),
    weight: 8,
  },
);

const streamArb = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(lineArb, fc.constantFrom('\n', '\r', '\r\n')), { maxLength: 30 }),
    fc.oneof(fc.constant(''), fc.constant('data: tail'), fc.constant('data: x\n')),
    fc.array(fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80]), {
      maxLength: 2,
    }),
  )
  .map(([bom, lines, tail, junk]) => {
    const text = lines
      .map(([line, ending]) => (typeof line === 'string' ? line : line.join('')) + ending)
      .join('');
    const parts: (string | readonly number[])[] = [bom ? '\uFEFF' : '', text];
    // Invalid bytes go inside a data value so that their U+FFFDs show up in an event.
    for (const bytes of junk) parts.push('data: ', bytes, '\n\n');
    parts.push(tail);
    return bytesOf(...parts);
  });

/** Splits `bytes` at the given positions (duplicates make empty chunks). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = cuts.map((cut) => cut % (bytes.length + 1)).toSorted((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

describe('createSSEDecoder: properties', () => {
  it('gives the same events however the bytes are split, and the same as a line-by-line reference', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        const whole = decode([bytes]);
        expect(decode(split(bytes, cuts))).toEqual(whole);
        expect(whole).toEqual(referenceParse(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same events when fed one byte at a time', () => {
    fc.assert(
      fc.property(streamArb, (bytes) => {
        const oneByOne = decode(Array.from(bytes, (byte) => Uint8Array.of(byte)));
        expect(oneByOne).toEqual(referenceParse(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
