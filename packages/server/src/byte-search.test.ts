import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteSearch } from './byte-search.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('createByteSearch', () => {
  it('finds the first occurrence, or -1', () => {
    const find = createByteSearch(encode('sk-ant-123'));
    expect(find(encode('key sk-ant-123 and sk-ant-123'))).toBe(4);
    expect(find(encode('sk-ant-12'))).toBe(-1);
    expect(find(encode('sk-ant-124 sk-ant-123'))).toBe(11);
    expect(find(new Uint8Array(0))).toBe(-1);
  });

  it("agrees with Buffer's indexOf on any bytes (fast-check)", () => {
    const bytes = fc.uint8Array({ maxLength: 64, max: 3 });
    fc.assert(
      fc.property(bytes, fc.uint8Array({ minLength: 1, maxLength: 6, max: 3 }), (haystack, needle) => {
        expect(createByteSearch(needle)(haystack)).toBe(Buffer.from(haystack).indexOf(Buffer.from(needle)));
      }),
      { numRuns: 500 },
    );
  });
});
