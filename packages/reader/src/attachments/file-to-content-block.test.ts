import fc from 'fast-check';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { isChatStreamError } from '../errors.ts';
import { AttachmentError } from './attachment-error.ts';
import { DOCUMENT_MAX_BYTES, fileToContentBlock, IMAGE_MAX_BYTES } from './file-to-content-block.ts';
import { toBase64 } from './to-base64.ts';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0];
/** The bytes of a string of 8-bit characters. */
const bytesOf = (latin1: string): number[] => Array.from(latin1, (char) => char.charCodeAt(0));
const GIF = [...bytesOf('GIF89a'), 1, 0, 1, 0];
const WEBP = bytesOf('RIFF\x24\x00\x00\x00WEBPVP8 ');
const PDF = bytesOf('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');

function file(bytes: number[] | string, name = 'file', type = ''): File {
  return new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });
}

async function rejection(promise: Promise<unknown>): Promise<AttachmentError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AttachmentError);
  return error as AttachmentError;
}

describe('fileToContentBlock', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['GIF', GIF, 'image/gif'],
    ['WebP', WEBP, 'image/webp'],
  ] as const)('makes a %s an image block with its bytes in base64', async (_name, bytes, mediaType) => {
    const block = await fileToContentBlock(file([...bytes], 'picture'));
    expect(block).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: mediaType, data: Buffer.from(bytes).toString('base64') },
    });
  });

  it('goes by the bytes, not the name or the claimed type (the API rejects a mismatch)', async () => {
    const block = await fileToContentBlock(file(JPEG, 'photo.png', 'image/png'));
    expect(block.source).toMatchObject({ media_type: 'image/jpeg' });
  });

  it('makes a PDF a document titled with the file name, citations on request', async () => {
    expect(await fileToContentBlock(file(PDF, 'report.pdf', 'application/pdf'), { citations: true })).toEqual(
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(PDF).toString('base64') },
        title: 'report.pdf',
        citations: { enabled: true },
      },
    );
  });

  it('makes any UTF-8 text a plain-text document, whatever its type or extension', async () => {
    const text = '# Notes\n\nCafé ☕, 漢字, 👩‍💻\n';
    for (const [name, type] of [
      ['notes.md', 'text/markdown'],
      ['data.json', 'application/json'],
      ['main.kt', ''],
      ['clip.ts', 'video/mp2t'],
    ]) {
      expect(await fileToContentBlock(file(text, name, type), { title: 'Mine' })).toEqual({
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: text },
        title: 'Mine',
      });
    }
  });

  it('leaves the title out of a document from a nameless Blob', async () => {
    const block = await fileToContentBlock(new Blob(['plain words']));
    expect(block).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'plain words' },
    });
  });

  it('rejects a binary file that is neither an image, a PDF nor text, saying what it is', async () => {
    for (const bytes of [
      [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0], // a zip (docx, xlsx): NUL bytes
      [0xc3, 0x28, 0xa0, 0xa1], // not UTF-8
    ]) {
      const error = await rejection(fileToContentBlock(file(bytes, 'letter.docx', 'application/msword')));
      expect(error).toMatchObject({
        reason: 'unsupported',
        fileName: 'letter.docx',
        mediaType: 'application/msword',
        size: bytes.length,
      });
      expect(error.message).toBe(
        'letter.docx is not an image (JPEG, PNG, GIF, WebP), a PDF or text (it is application/msword).',
      );
    }
  });

  it('rejects an empty file, and a text of nothing but whitespace, as empty', async () => {
    const error = await rejection(fileToContentBlock(file([], 'empty.txt', 'text/plain')));
    expect(error).toMatchObject({
      reason: 'empty',
      fileName: 'empty.txt',
      mediaType: 'text/plain',
      size: 0,
      message: 'empty.txt is empty.',
    });
    const blank = await rejection(fileToContentBlock(file(' \n\t\n', 'blank.md', 'text/markdown')));
    expect(blank).toMatchObject({
      reason: 'empty',
      fileName: 'blank.md',
      mediaType: 'text/markdown',
      size: 4,
      message: 'blank.md is empty.',
    });
  });

  it('calls a nameless Blob "The file" in its messages', async () => {
    const error = await rejection(fileToContentBlock(new Blob([])));
    expect(error).toMatchObject({ reason: 'empty', fileName: undefined, message: 'The file is empty.' });
    const binary = await rejection(fileToContentBlock(new Blob([new Uint8Array([0, 1])], { type: 'x/y' })));
    expect(binary).toMatchObject({
      reason: 'unsupported',
      message: 'The file is not an image (JPEG, PNG, GIF, WebP), a PDF or text (it is x/y).',
    });
  });

  it('rejects a file over its limit without reading it whole', async () => {
    const big = new Uint8Array(4 * 1024 * 1024);
    big.set(PNG);
    let wholeReads = 0;
    const tracked = Object.assign(new Blob([big]), { name: 'huge.png' });
    const arrayBuffer = tracked.arrayBuffer.bind(tracked);
    tracked.arrayBuffer = () => {
      wholeReads += 1;
      return arrayBuffer();
    };
    const error = await rejection(fileToContentBlock(tracked));
    expect(error).toMatchObject({ reason: 'too-large', limit: IMAGE_MAX_BYTES, size: big.length });
    expect(error.message).toBe('huge.png is 4 MiB; the limit is 3.75 MiB.');
    expect(wholeReads).toBe(0);
  });

  it('takes a PDF far larger than an image may be, and applies maxBytes when given', async () => {
    const pdf = new Uint8Array(5 * 1024 * 1024);
    pdf.set(PDF);
    await expect(fileToContentBlock(new Blob([pdf]))).resolves.toMatchObject({ type: 'document' });
    expect(DOCUMENT_MAX_BYTES).toBeGreaterThan(pdf.length);
    const error = await rejection(fileToContentBlock(file('a short text', 'a.txt'), { maxBytes: 4 }));
    expect(error).toMatchObject({
      reason: 'too-large',
      limit: 4,
      message: 'a.txt is 12 bytes; the limit is 4 bytes.',
    });
  });

  it('reads a file from disk in Node (fs.openAsBlob), named by the caller', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'chatstream-'));
    onTestFinished(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, 'report.pdf');
    await writeFile(path, new Uint8Array(PDF));
    const blob = await openAsBlob(path);
    expect(await fileToContentBlock(blob, { title: 'report.pdf' })).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(PDF).toString('base64') },
      title: 'report.pdf',
    });
  });

  it('rejects a file that can no longer be read, keeping the cause', async () => {
    const gone = new DOMException('The file could not be read', 'NotReadableError');
    const vanished = Object.assign(new Blob(['x']), { name: 'moved.txt' });
    vanished.slice = () => Object.assign(new Blob(), { arrayBuffer: () => Promise.reject(gone) });
    const error = await rejection(fileToContentBlock(vanished));
    expect(error).toMatchObject({ reason: 'unreadable', cause: gone });
    expect(error.message).toBe('moved.txt could not be read (is it a folder, or was it moved or deleted?).');
  });

  it('is a chatstream error of kind attachment that serialises its details', async () => {
    const error = await rejection(fileToContentBlock(file([0, 1, 2], 'x.bin')));
    expect(isChatStreamError(error)).toBe(true);
    expect(error.kind).toBe('attachment');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AttachmentError',
      kind: 'attachment',
      message: 'x.bin is not an image (JPEG, PNG, GIF, WebP), a PDF or text.',
      reason: 'unsupported',
      fileName: 'x.bin',
      mediaType: '',
      size: 3,
    });
  });
});

describe('toBase64', () => {
  it('matches Buffer for any bytes, across its chunk boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 60 },
    );
  });
});
