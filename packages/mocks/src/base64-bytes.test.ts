import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Bytes, readUint } from './base64-bytes.ts';

describe('base64Bytes', () => {
  it('reads every byte and the length as a full decode does, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, padded) => {
        const encoded = Buffer.from(bytes).toString('base64');
        const reader = base64Bytes(padded ? encoded : encoded.replace(/=+$/u, ''));
        expect(reader.length).toBe(bytes.length);
        expect(Array.from({ length: bytes.length + 2 }, (_, offset) => reader.at(offset))).toEqual([
          ...bytes,
          undefined,
          undefined,
        ]);
      }),
    );
  });

  it('reads the start of a string whose tail is not base64 at all', () => {
    const reader = base64Bytes(`${Buffer.from('PNG!').toString('base64')}${'*'.repeat(40)}`);
    expect([reader.at(0), reader.at(1), reader.at(2)]).toEqual([0x50, 0x4e, 0x47]);
    expect(reader.at(10)).toBeUndefined();
    expect(reader.at(-1)).toBeUndefined();
    expect(reader.at(1.5)).toBeUndefined();
  });
});

describe('readUint', () => {
  it('reads big- and little-endian integers, and nothing past the end', () => {
    const bytes = base64Bytes(Buffer.from([0x01, 0x02, 0x03, 0xff]).toString('base64'));
    expect(readUint(bytes, 0, 2, 'big')).toBe(0x0102);
    expect(readUint(bytes, 0, 3, 'little')).toBe(0x030201);
    expect(readUint(bytes, 0, 4, 'big')).toBe(0x010203ff);
    expect(readUint(bytes, 3, 2, 'big')).toBeUndefined();
  });
});
