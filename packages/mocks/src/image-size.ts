import { base64Bytes, type Base64Bytes, readUint } from './base64-bytes.ts';
import { readImageType, startsWith as matches } from './image-type.ts';
import { readJpegSize } from './jpeg-size.ts';

/** An image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

const IHDR = [0x49, 0x48, 0x44, 0x52];
const VP8 = [0x56, 0x50, 0x38, 0x20];
const VP8L = [0x56, 0x50, 0x38, 0x4c];
const VP8X = [0x56, 0x50, 0x38, 0x58];
const VP8_START_CODE = [0x9d, 0x01, 0x2a];

/**
 * Reads the pixel size of a PNG, GIF, WebP (VP8, VP8L, VP8X) or JPEG image from its header, decoding
 * only the bytes it needs from the base64 `data` (the first 30 bytes, or a JPEG's segment headers),
 * however long the string. The format comes from the bytes, not from a declared media type.
 * Undefined when the header is none of these, is cut short, or says 0.
 *
 * @example
 * readImageSize('iVBORw0KGgoAAAANSUhEUgAAAoAAAAHgCAYAAAA…'); // { width: 640, height: 480 }
 */
export function readImageSize(data: string): ImageSize | undefined {
  const bytes = base64Bytes(data);
  switch (readImageType(bytes)) {
    case 'image/png':
      return matches(bytes, 12, IHDR)
        ? sizeOf(readUint(bytes, 16, 4, 'big'), readUint(bytes, 20, 4, 'big'))
        : undefined;
    case 'image/gif':
      return sizeOf(readUint(bytes, 6, 2, 'little'), readUint(bytes, 8, 2, 'little'));
    case 'image/webp':
      return readWebPSize(bytes);
    default: {
      const jpeg = readJpegSize(bytes);
      return jpeg && sizeOf(jpeg.width, jpeg.height);
    }
  }
}

function readWebPSize(bytes: Base64Bytes): ImageSize | undefined {
  if (matches(bytes, 12, VP8) && matches(bytes, 23, VP8_START_CODE)) {
    // Lossy: after a 3-byte frame tag and the start code, 14-bit sizes (the 2 high bits are scaling).
    const width = readUint(bytes, 26, 2, 'little');
    const height = readUint(bytes, 28, 2, 'little');
    return sizeOf(
      width === undefined ? width : width & 0x3fff,
      height === undefined ? height : height & 0x3fff,
    );
  }
  if (matches(bytes, 12, VP8L) && bytes.at(20) === 0x2f) {
    // Lossless: after the signature byte, width - 1 and height - 1 packed in 14 bits each.
    const bits = readUint(bytes, 21, 4, 'little');
    return bits === undefined ? undefined : sizeOf((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (matches(bytes, 12, VP8X)) {
    // Extended: after flags and reserved bytes, canvas width - 1 and height - 1 in 24 bits each.
    const width = readUint(bytes, 24, 3, 'little');
    const height = readUint(bytes, 27, 3, 'little');
    return width === undefined || height === undefined ? undefined : sizeOf(width + 1, height + 1);
  }
  return undefined;
}

function sizeOf(width: number | undefined, height: number | undefined): ImageSize | undefined {
  return width && height ? { width, height } : undefined;
}
