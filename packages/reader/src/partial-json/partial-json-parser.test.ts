import { describe, expect, it, vi } from 'vitest';
import { JSONParseError } from './json-parse-error.ts';
import { createPartialJSONParser, type PartialJSONParser } from './partial-json-parser.ts';

/** Pushes each fragment and returns the reading after each one. */
function readings(...fragments: string[]): unknown[] {
  const parser = createPartialJSONParser();
  return fragments.map((fragment) => {
    parser.push(fragment);
    return parser.value;
  });
}

function parserAfter(...fragments: string[]): PartialJSONParser {
  const parser = createPartialJSONParser();
  for (const fragment of fragments) parser.push(fragment);
  return parser;
}

describe('createPartialJSONParser: value while streaming', () => {
  it('is undefined before any value has begun', () => {
    const parser = createPartialJSONParser();
    expect(parser.value).toBeUndefined();
    parser.push('');
    parser.push('  \n');
    expect(parser.value).toBeUndefined();
    expect(parser.complete).toBe(false);
  });

  it('shows strings with the characters so far', () => {
    expect(readings('"', 'ab', 'c"')).toEqual(['', 'ab', 'abc']);
  });

  it('shows complete escapes but not half ones', () => {
    expect(readings('"a\\', 'n', '\\u00', 'e9', '\\"')).toEqual(['a', 'a\n', 'a\n', 'a\né', 'a\né"']);
  });

  it('joins a surrogate pair written as two escapes split across pushes', () => {
    const parser = parserAfter('"\\ud83d', '\\ud', 'e00"');
    expect(parser.value).toBe('😀');
    expect(parser.end()).toBe('😀');
  });

  it('joins a raw astral character split between its halves', () => {
    const text = '["😀"]';
    expect(parserAfter(text.slice(0, 3), text.slice(3)).end()).toEqual(['😀']);
  });

  it('shows a number once it is whole: its first digits would be a wrong value (12 of 12345)', () => {
    expect(readings('-')).toEqual([undefined]);
    expect(readings('1', '2', '3')).toEqual([undefined, undefined, undefined]);
    expect(readings('[1', '.', '5', 'e', '-', '2', ']')).toEqual([[], [], [], [], [], [], [0.015]]);
    expect(readings('{"days": 1', '23', '45', ',')).toEqual([{}, {}, {}, { days: 12345 }]);
    expect(readings('[-', '0', ' ')).toEqual([[], [], [-0]]);
    expect(Object.is((readings('[-0,')[0] as number[])[0], -0)).toBe(true);
  });

  it('shows no half of an emoji written as two escapes, split between them', () => {
    expect(readings('["a\\ud83d', '\\ude00"]')).toEqual([['a'], ['a😀']]);
    expect(readings('["a😀'.slice(0, 4), '😀"]'.slice(1))).toEqual([['a'], ['a😀']]);
  });

  it('shows true, false and null only when complete', () => {
    expect(readings('[t', 'ru', 'e', ',n', 'ull', ',f', 'alse')).toEqual([
      [],
      [],
      [true],
      [true],
      [true, null],
      [true, null],
      [true, null, false],
    ]);
  });

  it('shows a member once its value has a reading', () => {
    expect(
      readings('{"pa', 'th"', ':', ' ', '"', 'a.t', 'xt", "n": ', '-', '4', ', "ok": tr', 'ue}'),
    ).toEqual([
      {},
      {},
      {},
      {},
      { path: '' },
      { path: 'a.t' },
      { path: 'a.txt' },
      { path: 'a.txt' },
      { path: 'a.txt' },
      { path: 'a.txt', n: -4 },
      { path: 'a.txt', n: -4, ok: true },
    ]);
  });

  it('shows nested containers as soon as they open', () => {
    expect(readings('{"a": [', '{', '"b": [1', ', 2]}', ']}')).toEqual([
      { a: [] },
      { a: [{}] },
      { a: [{ b: [] }] },
      { a: [{ b: [1, 2] }] },
      { a: [{ b: [1, 2] }] },
    ]);
  });

  it('keeps the first position of a duplicate key, as JSON.parse does', () => {
    const parser = parserAfter('{"a": 1, "b": 2, "a": "x');
    expect(Object.entries(parser.value as object)).toEqual([
      ['a', 'x'],
      ['b', 2],
    ]);
    parser.push('y"}');
    const value = parser.end();
    expect(Object.entries(value as object)).toEqual(
      Object.entries(JSON.parse('{"a": 1, "b": 2, "a": "xy"}')),
    );
  });

  it('reports complete once the top-level value is read', () => {
    const parser = parserAfter('{"a": 1');
    expect(parser.complete).toBe(false);
    parser.push('}');
    expect(parser.complete).toBe(true);
    parser.push(' \n');
    expect(parser.end()).toEqual({ a: 1 });
  });

  it('completes a top-level number only at whitespace or end()', () => {
    const parser = parserAfter('12');
    expect(parser.complete).toBe(false);
    expect(parser.end()).toBe(12);
    expect(parser.complete).toBe(true);
    expect(parser.value).toBe(12);
    expect(parser.end()).toBe(12);
  });
});

describe('createPartialJSONParser: end() matches JSON.parse', () => {
  const texts = [
    '{"__proto__": {"x": 1}, "a": 2}',
    '{"__proto__": 1, "__proto__": 2}',
    '{"__proto\\u005f_": []}',
    '[-0, 0, -0.0, 1E400, -1e-400, 1e-7, 123456789012345678901234567890, 0.1e1]',
    '"\\/\\b\\f\\n\\r\\t\\"\\\\\\u0041\\uD83D\\uDE00\\ud800\\udc00x\\udfff"',
    '{"2": 1, "1": 2, "b": 3, "a": 4}',
    ' \t\r\n[ 1 , { } , [ ] , "" ] \n',
  ];

  it.each(texts)('%s', (text) => {
    const expected: unknown = JSON.parse(text);
    const whole = parserAfter(text).end();
    const byChar = parserAfter(...text.split('')).end();
    for (const value of [whole, byChar]) {
      expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
      expect(value).toStrictEqual(expected);
    }
  });

  it('keeps __proto__ as an own member and leaves the prototype alone', () => {
    const value = parserAfter('{"__proto__": {"polluted": true}}').end() as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const partial = parserAfter('{"__proto__": {"polluted": tr').value as Record<string, unknown>;
    expect(Object.hasOwn(partial, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(partial)).toBe(Object.prototype);
  });

  it('reads -0 as -0', () => {
    expect(Object.is(parserAfter('-0').end(), -0)).toBe(true);
    expect(Object.is(parserAfter('-', '0', '.', '0').end(), -0)).toBe(true);
  });

  it('converts numbers split across pushes exactly as JSON.parse', () => {
    const text = '0.1000000000000000055511151231257827021181583404541015625';
    expect(parserAfter(...text.split('')).end()).toBe(JSON.parse(text));
    const big = '9007199254740993';
    expect(parserAfter(big.slice(0, 7), big.slice(7)).end()).toBe(JSON.parse(big));
  });
});

describe('createPartialJSONParser: snapshots', () => {
  it('returns the identical value when read twice with no push in between', () => {
    const parser = parserAfter('{"a": [1, {"b": "x');
    expect(parser.value).toBe(parser.value);
    parser.push('');
    expect(parser.value).toBe(parser.value);
  });

  it('keeps the identity of completed sub-values and copies the open path', () => {
    const parser = parserAfter('{"done": {"b": [1, 2]}, "list": [{"x": 1}, {"y": "a');
    const first = parser.value as { done: object; list: object[] };
    parser.push('b');
    const second = parser.value as { done: object; list: object[] };
    expect(second).not.toBe(first);
    expect(second.done).toBe(first.done);
    expect(second.list).not.toBe(first.list);
    expect(second.list[0]).toBe(first.list[0]);
    expect(second.list[1]).not.toBe(first.list[1]);
    parser.push('"}]}');
    const final = parser.end() as { done: object; list: object[] };
    expect(final.done).toBe(first.done);
    expect(final.list[0]).toBe(first.list[0]);
    expect(parser.value).toBe(final);
  });

  it('keeps an unchanged reading when a push adds nothing visible', () => {
    const parser = parserAfter('{"a": [1, 2], "b": ');
    const first = parser.value;
    parser.push(' t');
    expect(parser.value).toBe(first);
    parser.push('ru');
    expect(parser.value).toBe(first);
  });

  it('never changes a snapshot after handing it out', () => {
    const parser = createPartialJSONParser();
    const text =
      '{"a": {"b": [1, "two", {"c": null}]}, "d": [[], {}, "e\\u00e9"], "__proto__": {"f": -1.5e3}}';
    const seen: Array<{ snapshot: unknown; json: string }> = [];
    for (const char of text) {
      parser.push(char);
      const snapshot = parser.value;
      seen.push({ snapshot, json: JSON.stringify(snapshot) });
    }
    parser.end();
    for (const { snapshot, json } of seen) expect(JSON.stringify(snapshot)).toBe(json);
  });

  it('does no snapshot work when nobody reads', () => {
    const text = '{"a": [1, {"b": "x"}], "c": [[], {}], "d": {"e": "f"}}';
    // Snapshots are the only array and object copies the parser makes.
    const assign = vi.spyOn(Object, 'assign');
    const slice = vi.spyOn(Array.prototype, 'slice');
    const unread = createPartialJSONParser();
    for (const char of text.split('')) unread.push(char);
    unread.end();
    const callsUnread = assign.mock.calls.length + slice.mock.calls.length;
    const read = createPartialJSONParser();
    const values: unknown[] = [];
    for (const char of text.split('')) {
      read.push(char);
      values.push(read.value);
    }
    const callsRead = assign.mock.calls.length + slice.mock.calls.length;
    assign.mockRestore();
    slice.mockRestore();
    expect(callsUnread).toBe(0);
    expect(callsRead).toBeGreaterThan(0);
    expect(values.at(-1)).toEqual(JSON.parse(text));
  });
});

describe('createPartialJSONParser: large inputs', () => {
  it('reads a 1 MiB write-file input pushed in 8-character fragments, reading after each', () => {
    const line = 'const greeting = "héllo\\tworld"; // 😀 \u2028 {"nested": [1, 2]}\n';
    let content = '';
    while (content.length < 1024 * 1024) content += line;
    const text = JSON.stringify({ path: 'src/big.ts', content });
    const parser = createPartialJSONParser();
    let last: unknown;
    for (let at = 0; at < text.length; at += 8) {
      parser.push(text.slice(at, at + 8));
      last = parser.value;
    }
    const value = parser.end() as { path: string; content: string };
    expect(last).toBe(value);
    expect(value.path).toBe('src/big.ts');
    expect(value.content.length).toBe(content.length);
    expect(value.content === content).toBe(true);
  });

  it('reads a structured input of arrays of objects pushed in small fragments, reading after each', () => {
    const rows = Array.from({ length: 2000 }, (_, index) => ({
      id: index,
      name: `row ${index}`,
      tags: ['a', 'b'],
      score: index / 7,
    }));
    const text = JSON.stringify({ title: 'rows', groups: [{ rows }, { rows: rows.slice(0, 500) }] });
    const parser = createPartialJSONParser();
    let last: unknown;
    for (let at = 0; at < text.length; at += 5) {
      parser.push(text.slice(at, at + 5));
      last = parser.value;
    }
    const value = parser.end();
    expect(value).toEqual(JSON.parse(text));
    expect(last).toBe(value);
  });
});

describe('createPartialJSONParser: errors', () => {
  it('is a SyntaxError with a position', () => {
    const parser = createPartialJSONParser();
    let caught: unknown;
    try {
      parser.push('{"a" 1}');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JSONParseError);
    expect(caught).toBeInstanceOf(SyntaxError);
    expect((caught as JSONParseError).position).toBe(5);
    expect((caught as JSONParseError).message).toBe(
      "Unexpected character '1' in JSON at position 5: expected ':' after the property name",
    );
  });

  it('stays failed: later pushes and end() throw the same error', () => {
    const parser = createPartialJSONParser();
    let first: unknown;
    try {
      parser.push('[1,]');
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(JSONParseError);
    expect(() => parser.push('1')).toThrow(first);
    expect(() => parser.end()).toThrow(first);
    expect(parser.value).toEqual([1]);
  });

  it('names control characters readably', () => {
    expect(() => parserAfter('"a\n')).toThrow("Unexpected character '\\u000a' in JSON at position 2");
  });

  it('reports truncated input at its end', () => {
    expect(() => parserAfter('{"a": [1').end()).toThrow('Unexpected end of JSON input at position 8');
    expect(() => createPartialJSONParser().end()).toThrow('Unexpected end of JSON input at position 0');
  });

  it('rejects trailing non-whitespace', () => {
    expect(() => parserAfter('{} x')).toThrow(
      "Unexpected non-whitespace character 'x' after JSON at position 3",
    );
  });

  it('refuses pushes after end()', () => {
    const parser = parserAfter('1');
    parser.end();
    expect(() => parser.push(' ')).toThrow('push() called after end()');
  });
});
