import { createRandom } from './prng.ts';

/**
 * How a string is cut into deltas:
 * - `'words'`: each word with the whitespace before it (the default; close to real tokens),
 * - `'characters'`: one code point per delta,
 * - a number: that many code points per delta,
 * - `{ min, max }`: seeded random sizes in code points,
 * - an array: the exact pieces (they must join back to the text).
 */
export type Chunking = 'words' | 'characters' | number | RandomChunking | readonly string[];

/** Seeded random piece sizes, in code points. */
export interface RandomChunking {
  min: number;
  max: number;
  /** Defaults to the scenario's seed. */
  seed?: number | undefined;
}

/**
 * Splits `text` into pieces. Never splits a code point (a surrogate pair stays whole), never
 * returns empty pieces, and the pieces always join back to `text`.
 *
 * @example
 * splitText('Hello there, world', 'words'); // ['Hello', ' there,', ' world']
 */
export function splitText(text: string, chunking: Chunking = 'words', seed = 0): string[] {
  if (text === '') return [];
  if (typeof chunking === 'object' && Array.isArray(chunking)) {
    if (chunking.join('') !== text) throw new Error('Explicit chunks must join back to the text.');
    return chunking.filter((piece) => piece !== '');
  }
  if (chunking === 'words') return text.match(/\s*\S+|\s+/gu) ?? [text];
  const points = Array.from(text);
  if (chunking === 'characters') return points;
  if (typeof chunking === 'number') return groupPoints(points, () => chunking);
  const { min, max } = chunking as RandomChunking;
  const random = createRandom((chunking as RandomChunking).seed ?? seed);
  return groupPoints(points, () => random.int(min, max));
}

function groupPoints(points: readonly string[], nextSize: () => number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < points.length;) {
    const size = Math.max(1, Math.floor(nextSize()));
    pieces.push(points.slice(i, i + size).join(''));
    i += size;
  }
  return pieces;
}

/**
 * Splits bytes into chunks for delivery, at arbitrary offsets (inside a UTF-8 code point too).
 * `sizes` cycles: `[1]` delivers one byte at a time; `{ min, max }` picks seeded random sizes.
 */
export function splitBytes(
  bytes: Uint8Array,
  sizes: number | readonly number[] | RandomChunking,
  seed = 0,
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let nextSize: () => number;
  if (typeof sizes === 'number') nextSize = () => sizes;
  else if (Array.isArray(sizes)) {
    const list = sizes as readonly number[];
    let i = 0;
    nextSize = () => list[i++ % list.length] ?? 1;
  } else {
    const { min, max } = sizes as RandomChunking;
    const random = createRandom((sizes as RandomChunking).seed ?? seed);
    nextSize = () => random.int(min, max);
  }
  for (let offset = 0; offset < bytes.length;) {
    const size = Math.floor(nextSize());
    if (!(size >= 1))
      throw new RangeError(`Chunk sizes must be positive integers, got ${describeSizes(sizes)}`);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function describeSizes(sizes: unknown): string {
  return JSON.stringify(sizes) ?? String(sizes);
}
