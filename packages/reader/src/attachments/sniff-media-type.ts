import type { ImageMediaType } from './attachment-blocks.ts';

/** A binary format the API reads, told by its first bytes. */
export type SniffedMediaType = ImageMediaType | 'application/pdf';

const SIGNATURES: readonly [SniffedMediaType, number, string][] = [
  ['image/png', 0, '\x89PNG\r\n\x1a\n'],
  ['image/jpeg', 0, '\xff\xd8\xff'],
  ['image/gif', 0, 'GIF8'],
  ['image/webp', 8, 'WEBP'],
  ['application/pdf', 0, '%PDF-'],
];

/**
 * The format of `bytes` from its signature, or `undefined`. The API checks an image's bytes against
 * its `media_type` and rejects a mismatch, and files are often misnamed (a JPEG saved as `.png`), so
 * the bytes decide rather than `Blob.type`.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | undefined {
  for (const [type, offset, signature] of SIGNATURES) {
    if (type === 'image/webp' && !startsWith(bytes, 0, 'RIFF')) continue;
    if (startsWith(bytes, offset, signature)) return type;
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, offset: number, signature: string): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let index = 0; index < signature.length; index += 1) {
    if (bytes[offset + index] !== signature.charCodeAt(index)) return false;
  }
  return true;
}
