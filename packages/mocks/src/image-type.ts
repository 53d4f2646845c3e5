import type { Base64Bytes } from './base64-bytes.ts';

/** An image format the Messages API reads. */
export type ImageMediaType = 'image/png' | 'image/gif' | 'image/webp' | 'image/jpeg';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF = [0x47, 0x49, 0x46, 0x38];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];
const JPEG = [0xff, 0xd8, 0xff];

/**
 * The format of an image from its first bytes (PNG, GIF, WebP or JPEG signature), or undefined when
 * they are none of these: the API compares it with the declared `media_type`.
 *
 * @example
 * readImageType(base64Bytes('/9j/4AAQSkZJRg==')); // 'image/jpeg'
 */
export function readImageType(bytes: Base64Bytes): ImageMediaType | undefined {
  if (startsWith(bytes, 0, PNG)) return 'image/png';
  if (startsWith(bytes, 0, GIF)) return 'image/gif';
  if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return 'image/webp';
  return startsWith(bytes, 0, JPEG) ? 'image/jpeg' : undefined;
}

/** Whether the bytes at `offset` are `expected`. */
export function startsWith(bytes: Base64Bytes, offset: number, expected: readonly number[]): boolean {
  return expected.every((byte, index) => bytes.at(offset + index) === byte);
}
