import { describe, expect, it } from 'vitest';
import { createPartialJSONParser } from './partial-json-parser.ts';

const DEPTH = 100_000;

/** Walks `value` down `depth` levels, each an array holding one thing or an object `{ "a": … }`. */
function nestingDepth(value: unknown, kind: 'array' | 'object'): { depth: number; innermost: unknown } {
  let depth = 0;
  let current = value;
  while (true) {
    if (kind === 'array' && Array.isArray(current) && current.length === 1) current = current[0];
    else if (
      kind === 'object' &&
      typeof current === 'object' &&
      current !== null &&
      !Array.isArray(current)
    ) {
      const keys = Object.keys(current);
      if (keys.length !== 1 || keys[0] !== 'a') break;
      current = (current as { a: unknown }).a;
    } else break;
    depth++;
  }
  return { depth, innermost: current };
}

describe('createPartialJSONParser: deep nesting without recursion', () => {
  it(`reads ${DEPTH} nested arrays pushed one character at a time`, () => {
    const parser = createPartialJSONParser();
    for (let level = 0; level < DEPTH; level++) parser.push('[');
    parser.push('"core"');
    const open = nestingDepth(parser.value, 'array');
    expect(open).toEqual({ depth: DEPTH, innermost: 'core' });
    for (let level = 0; level < DEPTH; level++) parser.push(']');
    expect(parser.complete).toBe(true);
    expect(nestingDepth(parser.end(), 'array')).toEqual({ depth: DEPTH, innermost: 'core' });
  });

  it(`reads ${DEPTH} nested objects pushed in chunks, reading along the way`, () => {
    const text = `${'{"a":'.repeat(DEPTH)}[1, 2]${'}'.repeat(DEPTH)}`;
    const parser = createPartialJSONParser();
    let reads = 0;
    for (let at = 0; at < text.length; at += 4096) {
      parser.push(text.slice(at, at + 4096));
      if (parser.value !== undefined) reads++;
    }
    expect(reads).toBeGreaterThan(100);
    const value = parser.end();
    const { depth, innermost } = nestingDepth(value, 'object');
    expect(depth).toBe(DEPTH);
    expect(innermost).toEqual([1, 2]);
  });

  it('reports an unclosed deep document as truncated', () => {
    const parser = createPartialJSONParser();
    parser.push('['.repeat(DEPTH));
    expect(() => parser.end()).toThrow(`Unexpected end of JSON input at position ${DEPTH}`);
  });
});
