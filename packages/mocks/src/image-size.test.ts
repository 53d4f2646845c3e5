import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-size.ts';
import { gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './test/image-headers.ts';

/** A real 1 × 1 PNG, as a browser's FileReader would give it. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const size = (max: number) => fc.integer({ min: 1, max });

describe('readImageSize', () => {
  it.each([
    ['PNG', png(640, 480)],
    ['GIF', gif(640, 480)],
    ['lossy WebP', webpLossy(640, 480)],
    ['lossless WebP', webpLossless(640, 480)],
    ['extended WebP', webpExtended(640, 480)],
    ['baseline JPEG', jpeg(640, 480)],
    ['progressive JPEG', jpeg(640, 480, { frame: 0xc2 })],
  ])('reads a %s header', (_format, data) => {
    expect(readImageSize(data)).toEqual({ width: 640, height: 480 });
  });

  it('reads a real PNG', () => {
    expect(readImageSize(ONE_PIXEL_PNG)).toEqual({ width: 1, height: 1 });
  });

  it('reads every size each format can hold', () => {
    fc.assert(
      fc.property(size(0xffff), size(0xffff), (width, height) => {
        for (const data of [
          png(width, height),
          gif(width, height),
          jpeg(width, height),
          webpExtended(width, height),
        ]) {
          expect(readImageSize(data)).toEqual({ width, height });
        }
      }),
    );
    fc.assert(
      fc.property(size(0x3fff), size(0x3fff), (width, height) => {
        expect(readImageSize(webpLossy(width, height))).toEqual({ width, height });
        expect(readImageSize(webpLossless(width, height))).toEqual({ width, height });
      }),
    );
  });

  it('hops over large EXIF and ICC segments in a JPEG to its frame header', () => {
    expect(readImageSize(jpeg(4032, 3024, { appBytes: 300_000 }))).toEqual({ width: 4032, height: 3024 });
  });

  it('decodes only the header, so the rest of the string is never looked at', () => {
    const header = png(1920, 1080);
    expect(readImageSize(`${header.slice(0, 32)}${'!'.repeat(1_000_000)}`)).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it('gives undefined for other formats, cut-off headers and zero sizes', () => {
    expect(readImageSize(Buffer.from('%PDF-1.7\n').toString('base64'))).toBeUndefined();
    expect(readImageSize('')).toBeUndefined();
    expect(readImageSize(png(640, 480).slice(0, 24))).toBeUndefined();
    expect(readImageSize(png(0, 480))).toBeUndefined();
    expect(readImageSize(jpeg(640, 480).slice(0, 40))).toBeUndefined();
    expect(readImageSize('not base64 at all')).toBeUndefined();
  });
});
