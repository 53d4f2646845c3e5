import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, textNestsDeeperThan } from './nesting-depth.ts';

/** How deeply arrays and objects nest in `value`, the plain recursive way. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('nestsDeeperThan', () => {
  it('counts the body itself as level 1', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1, 'x'] }, 1)).toBe(true);
    expect(nestsDeeperThan({ a: [1, 'x'] }, 2)).toBe(false);
  });

  it('answers for JSON millions of levels deep, which JSON.stringify cannot serialise', () => {
    const depth = 2_000_000;
    const deep: unknown = JSON.parse(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(nestsDeeperThan(deep, 256)).toBe(true);
  });

  it('agrees with the recursive depth on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat(10), (value, max) => {
        expect(nestsDeeperThan(value, max)).toBe(depthOf(value) > max);
      }),
    );
  });
});

describe('textNestsDeeperThan', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(textNestsDeeperThan('{"a":"[[[[{{"}', 1)).toBe(false);
    expect(textNestsDeeperThan('{"a":"\\"[[["}', 1)).toBe(false);
    expect(textNestsDeeperThan('{"a":"\\\\",[[1]]}', 2)).toBe(true);
    expect(textNestsDeeperThan('"plain"', 0)).toBe(false);
  });

  it('agrees with the depth of the parsed value on any JSON, however it is spaced', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat(10), fc.boolean(), (value, max, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        expect(textNestsDeeperThan(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 500 },
    );
  });
});
