import { describe, expect, it } from 'vitest';
import { BufferLimitError } from '../errors.ts';
import type { ServerSentEvent } from '../types.ts';
import { createSSEParser } from './sse-parser.ts';

interface Parsed {
  events: ServerSentEvent[];
  retries: number[];
  comments: string[];
}

function parse(chunks: string[], options: { maxBufferSize?: number } = {}): Parsed {
  const parsed: Parsed = { events: [], retries: [], comments: [] };
  const parser = createSSEParser(
    {
      onEvent: (event) => parsed.events.push(event),
      onRetry: (ms) => parsed.retries.push(ms),
      onComment: (text) => parsed.comments.push(text),
    },
    options,
  );
  for (const chunk of chunks) parser.feed(chunk);
  return parsed;
}

function events(...chunks: string[]): ServerSentEvent[] {
  return parse(chunks).events;
}

function sse(data: string, type = 'message', id = ''): ServerSentEvent {
  return { event: type, data, id };
}

describe('createSSEParser: line endings (rule 3)', () => {
  it('ends lines at LF', () => {
    expect(events('data: a\n\ndata: b\n\n')).toEqual([sse('a'), sse('b')]);
  });

  it('ends lines at CRLF', () => {
    expect(events('data: a\r\ndata: b\r\n\r\n')).toEqual([sse('a\nb')]);
  });

  it('ends lines at a lone CR', () => {
    expect(events('data: a\rdata: b\r\rdata: c\r\r')).toEqual([sse('a\nb'), sse('c')]);
  });

  it('treats a CR at the end of one chunk and a LF at the start of the next as one line ending', () => {
    // Two endings would make a blank line and dispatch "a" alone.
    expect(events('data: a\r', '\ndata: b\r', '\n\r', '\n')).toEqual([sse('a\nb')]);
  });

  it('keeps a split CRLF as one ending across an empty chunk', () => {
    expect(events('data: a\r', '', '\n', 'data: b\n\n')).toEqual([sse('a\nb')]);
  });

  it('treats a CR at the end of a chunk followed by a non-LF as a complete line ending', () => {
    expect(events('data: a\r', 'data: b\r', '\r')).toEqual([sse('a\nb')]);
  });

  it('ends a line spanning several chunks at a split CRLF', () => {
    expect(events('da', 'ta: lo', 'ng\r', '\n\r\n')).toEqual([sse('long')]);
  });

  it('does not treat U+2028, U+2029, U+0085, VT or FF as line endings', () => {
    const data = 'a\u2028b\u2029c\u0085d\ve\ff';
    expect(events(`data: ${data}\n\n`)).toEqual([sse(data)]);
  });
});

describe('createSSEParser: dispatch (rules 4 and 7)', () => {
  it('dispatches as soon as the blank line arrives, without waiting for the next chunk', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) });
    parser.feed('data: a\n');
    expect(seen).toEqual([]);
    parser.feed('\n');
    expect(seen).toEqual([sse('a')]);
    parser.feed('data: b\r\r');
    expect(seen).toEqual([sse('a'), sse('b')]);
    parser.feed('data: c\r');
    parser.feed('\r');
    expect(seen).toEqual([sse('a'), sse('b'), sse('c')]);
  });

  it('dispatches an event for `data:` with an empty value (the data buffer holds one LF)', () => {
    expect(events('data:\n\n')).toEqual([sse('')]);
    expect(events('data\n\n')).toEqual([sse('')]);
  });

  it('keeps the LFs of several empty data lines except the last', () => {
    expect(events('data\ndata\n\n')).toEqual([sse('\n')]);
  });

  it('joins multi-line data with LF', () => {
    expect(events('data: a\ndata: b\ndata:  c\n\n')).toEqual([sse('a\nb\n c')]);
  });

  it('does not dispatch a block without data, and resets its event type', () => {
    expect(events('event: a\n\ndata: x\n\n')).toEqual([sse('x')]);
  });

  it("defaults the event type to 'message' and resets it after each event", () => {
    expect(events('event: add\ndata: 1\n\ndata: 2\n\n')).toEqual([sse('1', 'add'), sse('2')]);
  });

  it("uses 'message' when the event field is empty", () => {
    expect(events('event: a\nevent:\ndata: x\n\n')).toEqual([sse('x')]);
  });

  it('uses the last event field of a block', () => {
    expect(events('event: a\nevent: b\ndata: x\n\n')).toEqual([sse('x', 'b')]);
  });

  it('reports comments and ignores them otherwise', () => {
    const parsed = parse([': hello\ndata: a\n:\n:  two spaces\ndata: b\n\n']);
    expect(parsed.events).toEqual([sse('a\nb')]);
    expect(parsed.comments).toEqual(['hello', '', ' two spaces']);
  });

  it('ignores comments without an onComment callback', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) });
    parser.feed(': keep-alive\n\ndata: a\n\n');
    expect(seen).toEqual([sse('a')]);
  });
});

describe('createSSEParser: fields (rules 5 and 6)', () => {
  it('takes a line without a colon as a field name with an empty value', () => {
    expect(events('data\nevent\n\n')).toEqual([sse('')]);
    expect(events('unknown\ndata: x\n\n')).toEqual([sse('x')]);
  });

  it('splits at the first colon only', () => {
    expect(events('data: a: b:c\n\n')).toEqual([sse('a: b:c')]);
  });

  it('strips exactly one leading space from the value and keeps tabs', () => {
    expect(events('data:a\n\ndata: a\n\ndata:  a\n\ndata:\ta\n\ndata: \ta \n\n')).toEqual([
      sse('a'),
      sse('a'),
      sse(' a'),
      sse('\ta'),
      sse('\ta '),
    ]);
  });

  it('compares field names case-sensitively', () => {
    expect(events('Data: x\n\nDATA: y\n\n')).toEqual([]);
    expect(events('Event: t\nID: 1\ndata: x\n\n')).toEqual([sse('x')]);
  });

  it('ignores unknown fields', () => {
    expect(events('foo: bar\ndatum: x\ndata : y\ndata: z\n\n')).toEqual([sse('z')]);
  });

  it('treats a U+FEFF at a line start as part of the field name', () => {
    expect(events('\uFEFFdata: x\n\ndata: \uFEFFy\n\n')).toEqual([sse('\uFEFFy')]);
  });

  it('sets the id of following events from the id field', () => {
    expect(events('id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n')).toEqual([
      sse('a', 'message', '1'),
      sse('b', 'message', '1'),
      sse('c', 'message', '2'),
    ]);
  });

  it('ignores an id that contains U+0000', () => {
    expect(events('id: 1\n\nid: a\0b\ndata: x\n\n')).toEqual([sse('x', 'message', '1')]);
  });

  it('resets the last event id with an empty id', () => {
    expect(events('id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\n\nid:\ndata: c\n\n')).toEqual([
      sse('a', 'message', '1'),
      sse('b'),
      sse('c'),
    ]);
  });

  it('updates the last event id with an id-only block, without dispatching', () => {
    expect(events('id: 7\n\ndata: x\n\n')).toEqual([sse('x', 'message', '7')]);
  });

  it('keeps an id that arrives after the data of the same block', () => {
    expect(events('data: x\nid: 3\n\n')).toEqual([sse('x', 'message', '3')]);
  });

  it('reports retry at once when the value is ASCII digits (leading zeros allowed)', () => {
    const retries: number[] = [];
    const parser = createSSEParser({ onEvent: () => undefined, onRetry: (ms) => retries.push(ms) });
    parser.feed('retry: 1000\n');
    expect(retries).toEqual([1000]);
    parser.feed('retry:0007\n');
    expect(retries).toEqual([1000, 7]);
  });

  it('ignores retry values that are not only ASCII digits', () => {
    const parsed = parse([
      'retry: 1a\nretry: -1\nretry:  1\nretry:\nretry\nretry: 1.5\nretry: ١\nretry: 2 \n\n',
    ]);
    expect(parsed.retries).toEqual([]);
    expect(parsed.events).toEqual([]);
  });

  it('does not let retry make an event', () => {
    const parsed = parse(['retry: 10\n\ndata: a\n\n']);
    expect(parsed.retries).toEqual([10]);
    expect(parsed.events).toEqual([sse('a')]);
  });
});

describe('createSSEParser: buffering (rules 8 and 9)', () => {
  it('holds an unterminated line and an event without its blank line', () => {
    expect(events('data: a\n', 'data: b')).toEqual([]);
  });

  it('joins a line delivered in many pieces', () => {
    expect(events('d', 'a', 't', 'a', ':', ' ', 'x', 'y', '\n', '\n')).toEqual([sse('xy')]);
  });

  it('keeps the order of a line delivered in thousands of pieces', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => `${i},`);
    expect(events('data: ', ...parts, '\n\n')).toEqual([sse(parts.join(''))]);
  });

  it('reads one 8 MiB line fed one character at a time in linear time', () => {
    // A parser that rescans or recopies its buffer on every feed would not finish this in time.
    const size = 8 * 1024 * 1024;
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) }, { maxBufferSize: 2 * size });
    parser.feed('data: ');
    for (let i = 0; i < size; i++) parser.feed('x');
    parser.feed('\n');
    parser.feed('\n');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.data.length).toBe(size);
    expect(seen[0]?.data.startsWith('xxx')).toBe(true);
  });

  it('scans a chunk of many short CR- or colon-less lines in linear time', () => {
    const count = 500_000;
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) });
    parser.feed('data: a\r'.repeat(count) + 'x\n'.repeat(count) + '\r');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.data.length).toBe(2 * count - 1);
  });

  it('throws BufferLimitError for a line over maxBufferSize and keeps earlier events delivered', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) }, { maxBufferSize: 100 });
    parser.feed('data: ok\n\n');
    parser.feed('data: ');
    expect(() => parser.feed('x'.repeat(100))).toThrow(BufferLimitError);
    expect(seen).toEqual([sse('ok')]);
  });

  it('throws BufferLimitError when the pending event data outgrows maxBufferSize', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) }, { maxBufferSize: 100 });
    const line = `data: ${'y'.repeat(30)}\n`;
    let error: unknown;
    try {
      parser.feed(`data: first\n\n${line}${line}${line}${line}\n`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BufferLimitError);
    expect((error as BufferLimitError).limit).toBe(100);
    expect(seen).toEqual([sse('first')]);
  });

  it('accepts data up to the limit', () => {
    const parsed = parse([`data: ${'z'.repeat(99)}\n\n`], { maxBufferSize: 100 });
    expect(parsed.events).toEqual([sse('z'.repeat(99))]);
  });

  it('refuses to continue after the limit was exceeded until reset', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) }, { maxBufferSize: 10 });
    expect(() => parser.feed('data: 0123456789abc')).toThrow(BufferLimitError);
    expect(() => parser.feed('\n\n')).toThrow(/reset/);
    parser.reset();
    parser.feed('data: ok\n\n');
    expect(seen).toEqual([sse('ok')]);
  });

  it('rejects a maxBufferSize that is not a positive number', () => {
    expect(() => createSSEParser({ onEvent: () => undefined }, { maxBufferSize: 0 })).toThrow(RangeError);
    expect(() => createSSEParser({ onEvent: () => undefined }, { maxBufferSize: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it('reset() forgets the pending line, data, event type and last event id', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) });
    parser.feed('id: 5\n\nevent: t\ndata: a\ndata: par');
    parser.reset();
    parser.feed('tial\n\ndata: b\n\n');
    expect(seen).toEqual([sse('b')]);
  });

  it('reset() forgets a CR that ended the previous chunk', () => {
    const seen: ServerSentEvent[] = [];
    const parser = createSSEParser({ onEvent: (e) => seen.push(e) });
    parser.feed('data: a\r');
    parser.reset();
    parser.feed('\ndata: b\n\n');
    expect(seen).toEqual([sse('b')]);
  });
});
