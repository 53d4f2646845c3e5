import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBytes, splitText } from './chunking.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('splitText', () => {
  it('cuts words with their leading whitespace', () => {
    expect(splitText('Hello there,  world ', 'words')).toEqual(['Hello', ' there,', '  world', ' ']);
  });

  it('cuts characters by code point, never inside a surrogate pair', () => {
    expect(splitText('a😀b', 'characters')).toEqual(['a', '😀', 'b']);
    expect(splitText('😀😀😀', 2)).toEqual(['😀😀', '😀']);
  });

  it('uses explicit pieces and rejects pieces that do not rebuild the text', () => {
    expect(splitText('abc', ['a', '', 'bc'])).toEqual(['a', 'bc']);
    expect(() => splitText('abc', ['a', 'b'])).toThrow(/join back/u);
  });

  it('returns nothing for empty text', () => {
    expect(splitText('', 'words')).toEqual([]);
  });

  it('is seeded for random sizes', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(splitText(text, { min: 1, max: 5 }, 9)).toEqual(splitText(text, { min: 1, max: 5 }, 9));
    expect(splitText(text, { min: 1, max: 5 }, 9)).not.toEqual(splitText(text, { min: 1, max: 5 }, 10));
    expect(splitText(text, { min: 1, max: 5, seed: 3 }, 9)).toEqual(
      splitText(text, { min: 1, max: 5, seed: 3 }, 1),
    );
  });

  it('always rebuilds the text with non-empty, whole-code-point pieces', () => {
    const chunking = fc.oneof(
      fc.constant('words' as const),
      fc.constant('characters' as const),
      fc.integer({ min: 1, max: 8 }),
      fc.record({ min: fc.integer({ min: 1, max: 3 }), max: fc.integer({ min: 3, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), chunking, fc.nat(), (text, how, seed) => {
        const pieces = splitText(text, how, seed);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(piece).not.toBe('');
          expect(piece).not.toMatch(LONE_SURROGATE);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

const bytes = new TextEncoder().encode('héllo 😀');
const sizes = (seed: number): number[] =>
  splitBytes(bytes, { min: 1, max: 4 }, seed).map((chunk) => chunk.length);

describe('splitBytes', () => {
  it('cuts at any byte, including inside a UTF-8 sequence', () => {
    const chunks = splitBytes(bytes, 1);
    expect(chunks).toHaveLength(bytes.length);
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
  });

  it('cycles a list of sizes and rebuilds the bytes', () => {
    const chunks = splitBytes(bytes, [2, 3]);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 3, 2, 3, 1]);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
  });

  it('draws seeded random sizes', () => {
    expect(sizes(5)).toEqual(sizes(5));
    expect(sizes(5).every((size) => size >= 1 && size <= 4)).toBe(true);
  });
});

describe('splitBytes input checks', () => {
  it.each([[0], [-3], [Number.NaN], [[2, 0]], [{ min: 0, max: 2 }], [{ random: [1, 4] }]])(
    'rejects %j with a RangeError instead of serving an empty body',
    (badSizes) => {
      expect(() => splitBytes(new Uint8Array(10), badSizes as never)).toThrow(RangeError);
    },
  );
});
