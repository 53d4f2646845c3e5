const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map(Array.from(ALPHABET, (char, value) => [char, value]));

/** The bytes a base64 string encodes, read one at a time without decoding the rest. */
export interface Base64Bytes {
  /** How many bytes the string encodes (from its length and padding; nothing is decoded). */
  readonly length: number;
  /** The byte at `offset`, or undefined past the end or where the string is not base64. */
  at(offset: number): number | undefined;
}

/**
 * Random access to the bytes of base64 `data`: every 4 characters encode 3 bytes, so a byte is read
 * by decoding its own group only. Image headers are a few dozen bytes of a megabytes-long string.
 *
 * @example
 * const bytes = base64Bytes('iVBORw0KGgo=');
 * bytes.at(1); // 0x50 ('P' of PNG)
 * bytes.length; // 8
 */
export function base64Bytes(data: string): Base64Bytes {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const length = Math.floor(((data.length - padding) * 3) / 4);
  return {
    length,
    at(offset) {
      if (!Number.isInteger(offset) || offset < 0 || offset >= length) return undefined;
      const group = Math.floor(offset / 3) * 4;
      const position = offset % 3;
      const first = VALUES.get(data.charAt(group + position));
      const second = VALUES.get(data.charAt(group + position + 1));
      if (first === undefined || second === undefined) return undefined;
      // Byte n of a group takes the low bits of character n and the high bits of character n + 1.
      const shift = 2 * (position + 1);
      return ((first << shift) | (second >> (6 - shift))) & 0xff;
    },
  };
}

/**
 * The unsigned integer of `size` bytes (at most 4) at `offset`, big- or little-endian; undefined when
 * a byte is missing.
 *
 * @example
 * readUint(base64Bytes('AAEC'), 1, 2, 'big'); // 0x0102
 */
export function readUint(
  bytes: Base64Bytes,
  offset: number,
  size: number,
  order: 'big' | 'little',
): number | undefined {
  let value = 0;
  for (let index = 0; index < size; index++) {
    const byte = bytes.at(offset + (order === 'big' ? index : size - 1 - index));
    if (byte === undefined) return undefined;
    value = value * 0x100 + byte;
  }
  return value;
}
