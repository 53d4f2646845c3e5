import { describe, expect, it } from 'vitest';
import { checkAttachments } from './check-attachments.ts';
import { checkMessages } from './check-messages.ts';
import { gif, jpeg, png, webpLossless } from './test/image-headers.ts';

const image = (source: unknown) => ({ type: 'image', source });
const document = (source: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'document',
  source,
  ...extra,
});
const pngSource = { type: 'base64', media_type: 'image/png', data: png(640, 480) };
const pdfSource = { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjcK' };
const toolTurn = (content: unknown[]) => [
  { role: 'user', content: 'Take a screenshot' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content }] },
];

describe('checkAttachments (through checkMessages)', () => {
  it('takes every source type the API takes, in user messages and tool results', () => {
    const images = [
      pngSource,
      { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' },
      { type: 'base64', media_type: 'image/gif', data: 'R0lGODlh' },
      { type: 'base64', media_type: 'image/webp', data: 'UklGRg==' },
      { type: 'url', url: 'https://example.com/cat.jpg' },
      { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' },
    ].map(image);
    const documents = [
      document(pdfSource, { title: 'report.pdf', citations: { enabled: true } }),
      document({ type: 'text', media_type: 'text/plain', data: '# Notes' }, { title: 'notes.md' }),
      document({ type: 'url', url: 'https://example.com/paper.pdf' }),
      document({ type: 'file', file_id: 'file_011CPMxVD3fHLUhvTqtsQA5w' }),
      document({ type: 'content', content: [{ type: 'text', text: 'First chunk' }] }),
      document({ type: 'content', content: 'All of it' }),
    ];
    expect(checkMessages([{ role: 'user', content: [...images, ...documents] }])).toBeUndefined();
    expect(
      checkMessages([{ role: 'user', content: [image(pngSource), document(pdfSource)] }]),
    ).toBeUndefined();
    expect(
      checkMessages(toolTurn([{ type: 'text', text: 'Here:' }, ...images, document(pdfSource)])),
    ).toBeUndefined();
  });

  it.each([
    [
      'an image media type the API does not read',
      image({ ...pngSource, media_type: 'image/bmp' }),
      "messages.0.content.1.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    ],
    [
      'an image without a media type',
      image({ type: 'base64', data: 'iVBORw0K' }),
      'messages.0.content.1.image.source.base64.media_type: Field required',
    ],
    [
      'image data that is not a string',
      image({ ...pngSource, data: [137, 80] }),
      'messages.0.content.1.image.source.base64.data: Input should be a valid string',
    ],
    [
      'empty image data',
      image({ ...pngSource, data: '' }),
      'messages.0.content.1.image.source.base64.data: String should have at least 1 character',
    ],
    [
      'missing PDF data',
      document({ type: 'base64', media_type: 'application/pdf' }),
      'messages.0.content.1.document.source.base64.data: Field required',
    ],
    [
      'a base64 document that is not a PDF',
      document({ ...pdfSource, media_type: 'text/csv' }),
      "messages.0.content.1.document.source.base64.media_type: Input should be 'application/pdf'",
    ],
    [
      'a text document that is not text/plain',
      document({ type: 'text', media_type: 'text/markdown', data: '# Notes' }),
      "messages.0.content.1.document.source.text.media_type: Input should be 'text/plain'",
    ],
    [
      'text document data that is not a string',
      document({ type: 'text', media_type: 'text/plain', data: null }),
      'messages.0.content.1.document.source.text.data: Input should be a valid string',
    ],
    [
      'a url source without a url',
      image({ type: 'url', href: 'https://example.com/cat.jpg' }),
      'messages.0.content.1.image.source.url.url: Field required',
    ],
    [
      'a url that is not a string',
      document({ type: 'url', url: { href: 'https://example.com/a.pdf' } }),
      'messages.0.content.1.document.source.url.url: Input should be a valid string',
    ],
    [
      'a file source without a file_id',
      image({ type: 'file' }),
      'messages.0.content.1.image.source.file.file_id: Field required',
    ],
    [
      'content that is neither text nor blocks',
      document({ type: 'content', content: 42 }),
      'messages.0.content.1.document.source.content.content: Input should be a valid string or a list of content blocks',
    ],
    [
      'an unknown image source type',
      image({ type: 'data_url', url: 'data:image/png;base64,iVBORw0K' }),
      "messages.0.content.1.image.source: Input tag 'data_url' found using 'type' does not match any of the expected tags: 'base64', 'file', 'url'",
    ],
    [
      'a text source on an image',
      image({ type: 'text', media_type: 'text/plain', data: 'hi' }),
      "messages.0.content.1.image.source: Input tag 'text' found using 'type' does not match any of the expected tags: 'base64', 'file', 'url'",
    ],
    [
      'an unknown document source type',
      document({ type: 'blob' }),
      "messages.0.content.1.document.source: Input tag 'blob' found using 'type' does not match any of the expected tags: 'base64', 'content', 'file', 'text', 'url'",
    ],
    [
      'a source without a type',
      image({ media_type: 'image/png', data: 'iVBORw0K' }),
      "messages.0.content.1.image.source: Unable to extract tag using discriminator 'type'",
    ],
    ['no source', { type: 'image' }, 'messages.0.content.1.image.source: Field required'],
    [
      'a source that is not an object',
      document('JVBERi0xLjcK'),
      'messages.0.content.1.document.source: Input should be a valid dictionary or object',
    ],
  ])('refuses %s, naming the path', (_case, block, problem) => {
    expect(checkMessages([{ role: 'user', content: [{ type: 'text', text: 'Look' }, block] }])).toBe(problem);
  });

  it('checks image and document blocks inside a tool_result, naming the path through it', () => {
    expect(
      checkMessages(
        toolTurn([{ type: 'text', text: 'Here:' }, image({ ...pngSource, media_type: 'image/svg+xml' })]),
      ),
    ).toBe(
      "messages.2.content.0.tool_result.content.1.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    );
    expect(checkMessages(toolTurn([document({ type: 'url' })]))).toBe(
      'messages.2.content.0.tool_result.content.0.document.source.url.url: Field required',
    );
  });

  it('refuses an image whose bytes are another format than its media_type, as the API does', () => {
    expect(checkMessages([{ role: 'user', content: [image({ ...pngSource, data: jpeg(800, 600) })] }])).toBe(
      'messages.0.content.0.image.source.base64: The image was specified using the image/png media type, but the image appears to be a image/jpeg image',
    );
    // A screenshot tool that labels every picture PNG: the path goes through the tool_result.
    expect(
      checkMessages(
        toolTurn([
          { type: 'text', text: 'Here:' },
          image({ type: 'base64', media_type: 'image/png', data: webpLossless(64, 64) }),
        ]),
      ),
    ).toBe(
      'messages.2.content.0.tool_result.content.1.image.source.base64: The image was specified using the image/png media type, but the image appears to be a image/webp image',
    );
    const gifAsJpeg = image({ type: 'base64', media_type: 'image/jpeg', data: gif(10, 10) });
    expect(checkAttachments(gifAsJpeg, 'at')).toBe(
      'at.image.source.base64: The image was specified using the image/jpeg media type, but the image appears to be a image/gif image',
    );
  });

  it('takes image bytes of the declared format, and placeholder bytes of no known format', () => {
    for (const [mediaType, data] of [
      ['image/png', png(2, 2)],
      ['image/jpeg', jpeg(2, 2)],
      ['image/gif', gif(2, 2)],
      ['image/webp', webpLossless(2, 2)],
      ['image/png', 'AAAA'],
      ['image/jpeg', 'placeholder'],
    ] as const) {
      expect(checkAttachments(image({ type: 'base64', media_type: mediaType, data }), 'at')).toBeUndefined();
    }
  });

  it('leaves other blocks and string tool results alone', () => {
    expect(checkAttachments({ type: 'text', text: 'Hi' }, 'messages.0.content.0')).toBeUndefined();
    expect(
      checkAttachments({ type: 'tool_result', tool_use_id: 't', content: '18 °C' }, 'at'),
    ).toBeUndefined();
    expect(checkAttachments({ type: 'container_upload', source: 42 }, 'at')).toBeUndefined();
  });
});
