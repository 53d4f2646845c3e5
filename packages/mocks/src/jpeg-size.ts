import { type Base64Bytes, readUint } from './base64-bytes.ts';
import type { ImageSize } from './image-size.ts';

/** Enough for EXIF, ICC profiles split over many APP2 segments, tables and comments. */
const MAX_STEPS = 1000;

/**
 * Reads a JPEG's size from its frame header (an SOF marker), hopping from segment to segment by
 * their lengths, so only marker and length bytes are decoded however large the EXIF or ICC data in
 * front of it. Gives up after 1,000 markers, at the scan or at the end of the image.
 *
 * @example
 * readJpegSize(base64Bytes(jpegBase64)); // { width: 1024, height: 768 }
 */
export function readJpegSize(bytes: Base64Bytes): ImageSize | undefined {
  if (bytes.at(0) !== 0xff || bytes.at(1) !== 0xd8) return undefined;
  let offset = 2;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (bytes.at(offset) !== 0xff) return undefined;
    const marker = bytes.at(offset + 1);
    if (marker === undefined || marker === 0xd9 || marker === 0xda) return undefined;
    if (marker === 0xff) {
      // A fill byte: the marker is the next byte that is not 0xff.
      offset += 1;
      continue;
    }
    offset += 2;
    if (standsAlone(marker)) continue;
    if (isFrameHeader(marker)) {
      // length (2), sample precision (1), then the number of lines and samples per line.
      const height = readUint(bytes, offset + 3, 2, 'big');
      const width = readUint(bytes, offset + 5, 2, 'big');
      return width === undefined || height === undefined ? undefined : { width, height };
    }
    const length = readUint(bytes, offset, 2, 'big');
    if (length === undefined || length < 2) return undefined;
    offset += length;
  }
  return undefined;
}

/** SOI, TEM and the restart markers carry no length. */
function standsAlone(marker: number): boolean {
  return marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/** SOF0–SOF15, except DHT (c4), JPG (c8) and DAC (cc), which share the range. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}
