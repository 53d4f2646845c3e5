/**
 * Image files cut down to what a size reader looks at, built byte by byte from the format specs
 * (PNG IHDR, GIF logical screen, WebP VP8 / VP8L / VP8X, JPEG segments), as base64.
 */

const base64 = (bytes: readonly number[]): string => Buffer.from(bytes).toString('base64');
const u16BE = (value: number): number[] => [value >> 8, value & 0xff];
const u16LE = (value: number): number[] => [value & 0xff, value >> 8];
const u24LE = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff, value >> 16];
const u32BE = (value: number): number[] => [...u16BE(value >>> 16), ...u16BE(value & 0xffff)];
const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

/** A PNG: signature, IHDR (8-bit RGBA), IEND; CRCs zeroed (readers of the size do not check them). */
export function png(width: number, height: number): string {
  return base64([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...u32BE(13),
    ...ascii('IHDR'),
    ...u32BE(width),
    ...u32BE(height),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...u32BE(0),
    ...ascii('IEND'),
    0,
    0,
    0,
    0,
  ]);
}

/** A GIF89a header with its logical screen descriptor and trailer. */
export function gif(width: number, height: number): string {
  return base64([...ascii('GIF89a'), ...u16LE(width), ...u16LE(height), 0, 0, 0, 0x3b]);
}

function riff(chunk: string, payload: number[]): string {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...u32LE(payload.length), ...payload];
  return base64([...ascii('RIFF'), ...u32LE(body.length), ...body]);
}
const u32LE = (value: number): number[] => [...u16LE(value & 0xffff), ...u16LE(value >>> 16)];

/** A lossy WebP: VP8 frame tag, start code, 14-bit sizes (scaling bits set, to be ignored). */
export function webpLossy(width: number, height: number): string {
  return riff('VP8 ', [
    0x30,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    ...u16LE(width | 0x4000),
    ...u16LE(height | 0x8000),
    0,
    0,
  ]);
}

/** A lossless WebP: VP8L signature, then width - 1 and height - 1 in 14 bits each. */
export function webpLossless(width: number, height: number): string {
  const bits = (width - 1) | ((height - 1) << 14);
  return riff('VP8L', [0x2f, ...u32LE(bits >>> 0), 0, 0]);
}

/** An extended WebP (alpha, animation): VP8X flags, then canvas width - 1 and height - 1 in 24 bits. */
export function webpExtended(width: number, height: number): string {
  return riff('VP8X', [0x10, 0, 0, 0, ...u24LE(width - 1), ...u24LE(height - 1)]);
}

const filled = (length: number, byte: number): number[] => Array.from({ length }, () => byte);

function segment(marker: number, payload: number[]): number[] {
  return [0xff, marker, ...u16BE(payload.length + 2), ...payload];
}

/**
 * A JPEG: SOI, APP0 (JFIF), `appBytes` of APP1/APP2 data in segments of up to 64 KiB (EXIF, ICC),
 * DQT, DHT, a fill byte, the frame header (`frame` marker, SOF0 baseline by default), then SOS.
 */
export function jpeg(
  width: number,
  height: number,
  options: { appBytes?: number; frame?: number } = {},
): string {
  const parts = [[0xff, 0xd8], segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])];
  // The APP data is all 0xff, which a reader that does not hop by segment lengths takes for fill bytes.
  for (let left = options.appBytes ?? 0, marker = 0xe1; left > 0; marker = 0xe2) {
    const size = Math.min(left, 65_000);
    parts.push(segment(marker, filled(size, 0xff)));
    left -= size;
  }
  parts.push(
    segment(0xdb, filled(65, 1)),
    segment(0xc4, [0x00, ...filled(16, 0), 0]),
    [0xff],
    segment(options.frame ?? 0xc0, [
      8,
      ...u16BE(height),
      ...u16BE(width),
      3,
      1,
      0x22,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1,
    ]),
    segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]),
    [0x12, 0x34, 0xff, 0xd9],
  );
  return base64(parts.flat());
}
