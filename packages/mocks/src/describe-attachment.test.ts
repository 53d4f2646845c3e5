import { describe, expect, it } from 'vitest';
import { describeAttachment } from './describe-attachment.ts';
import { gif, jpeg, png, webpLossy } from './test/image-headers.ts';

const base64Image = (mediaType: string, data: string) => ({
  type: 'image',
  source: { type: 'base64', media_type: mediaType, data },
});
/** Base64 of `bytes` bytes that starts with a real header, as a file of that size would. */
const padded = (header: string, bytes: number) =>
  header + 'A'.repeat(Math.ceil((bytes * 4) / 3) - header.length);

describe('describeAttachment', () => {
  it('names an inline image by format, with its pixel size and file size', () => {
    expect(describeAttachment(base64Image('image/png', padded(png(640, 480), 12 * 1024)))).toBe(
      'a PNG image, 640 × 480 px (12 KB)',
    );
    expect(describeAttachment(base64Image('image/jpeg', padded(jpeg(4032, 3024), 3_250_000)))).toBe(
      'a JPEG image, 4032 × 3024 px (3.1 MB)',
    );
    expect(describeAttachment(base64Image('image/gif', gif(1, 1)))).toBe('a GIF image, 1 × 1 px (14 bytes)');
    expect(describeAttachment(base64Image('image/webp', webpLossy(800, 600)))).toBe(
      'a WebP image, 800 × 600 px (32 bytes)',
    );
  });

  it('leaves the pixel size out when the header cannot be read', () => {
    expect(describeAttachment(base64Image('image/png', 'AAAA'))).toBe('a PNG image (3 bytes)');
  });

  it('describes documents: PDFs by size, texts by characters, with their titles', () => {
    const pdf = Buffer.from('%PDF-1.7\n').toString('base64');
    expect(
      describeAttachment({
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: padded(pdf, 210 * 1024) },
        title: 'report.pdf',
      }),
    ).toBe('a PDF document "report.pdf" (210 KB)');
    expect(
      describeAttachment({
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: pdf },
      }),
    ).toBe('a PDF document (9 bytes)');
    expect(
      describeAttachment({
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: `# Notes 👋\n${'x'.repeat(1_200)}` },
        title: 'notes.md',
      }),
    ).toBe('a text document "notes.md" (1,210 characters)');
    expect(
      describeAttachment({ type: 'document', source: { type: 'content', content: 'x' }, title: 'quote' }),
    ).toBe('a document "quote" (1 character)');
    expect(
      describeAttachment({
        type: 'document',
        source: { type: 'content', content: [{ type: 'text', text: 'a' }] },
      }),
    ).toBe('a document (1 content block)');
  });

  it('says where url and Files API sources point', () => {
    expect(
      describeAttachment({ type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } }),
    ).toBe('an image at https://example.com/cat.jpg');
    expect(describeAttachment({ type: 'image', source: { type: 'file', file_id: 'file_01' } })).toBe(
      'an image from the Files API (file_01)',
    );
    expect(
      describeAttachment({
        type: 'document',
        source: { type: 'url', url: 'https://example.com/paper.pdf' },
        title: 'Paper',
      }),
    ).toBe('a document "Paper" at https://example.com/paper.pdf');
    expect(describeAttachment({ type: 'document', source: { type: 'file', file_id: 'file_02' } })).toBe(
      'a document from the Files API (file_02)',
    );
  });
});
