import { checkNumber } from '../check-options.ts';
import type { DocumentBlock, ImageBlock } from './attachment-blocks.ts';
import { AttachmentError, type AttachmentErrorReason } from './attachment-error.ts';
import { sniffMediaType } from './sniff-media-type.ts';
import { toBase64 } from './to-base64.ts';

/** Options of {@link fileToContentBlock}. */
export interface FileToContentBlockOptions {
  /**
   * The largest file accepted, in bytes. Default: 3.75 MiB for an image (the API takes at most 5 MiB
   * of base64 per image) and 24 MiB for a PDF or text (32 MiB of base64, the API's request limit).
   */
  maxBytes?: number | undefined;
  /** A document's title (default: the file's name). */
  title?: string | undefined;
  /** Lets answers cite a document (`citations: { enabled: true }`). */
  citations?: boolean | undefined;
}

// Literals, not `3.75 * MiB`: bundlers keep a computed constant that nothing uses (measured).
/** The default `maxBytes` for images, 3.75 MiB: 5 MiB once base64-encoded. */
export const IMAGE_MAX_BYTES = 3_932_160;
/** The default `maxBytes` for PDFs and text, 24 MiB: 32 MiB once base64-encoded. */
export const DOCUMENT_MAX_BYTES = 25_165_824;
const MiB = 1_048_576;

/**
 * A file (a `File` from a picker, a paste or a drop, or any `Blob`) as the content block the
 * Messages API reads: JPEG, PNG, GIF and WebP become `image` blocks, a PDF a `document` with a
 * base64 source, and any UTF-8 text (Markdown, CSV, JSON, code…) a `document` with a text source.
 * The bytes decide the type, not the name. Anything else, an empty file (or a text of only
 * whitespace), a file over `maxBytes`, or one that can no longer be read rejects with an
 * {@link AttachmentError} whose `reason` says which.
 *
 * @example
 * const blocks = await Promise.all([...(input.files ?? [])].map((file) => fileToContentBlock(file)));
 * await chat.send([...blocks, { type: 'text', text: 'What do these show?' }]);
 */
export async function fileToContentBlock(
  file: Blob & { readonly name?: string },
  options: FileToContentBlockOptions = {},
): Promise<ImageBlock | DocumentBlock> {
  const fail = (
    reason: AttachmentErrorReason,
    message: string,
    extra?: { limit?: number; cause?: unknown },
  ) =>
    new AttachmentError(`${file.name ?? 'The file'} ${message}`, {
      reason,
      fileName: file.name,
      mediaType: file.type,
      size: file.size,
      ...extra,
    });

  checkNumber('maxBytes', options.maxBytes, 'count');
  if (file.size === 0) throw fail('empty', 'is empty.');
  // The type decides the limit, so only the signature is read before the size is checked.
  const sniffed = sniffMediaType(await readBytes(file.slice(0, 16), fail));
  const isImage = sniffed !== undefined && sniffed !== 'application/pdf';
  const limit = options.maxBytes ?? (isImage ? IMAGE_MAX_BYTES : DOCUMENT_MAX_BYTES);
  if (file.size > limit) {
    throw fail('too-large', `is ${formatBytes(file.size)}; the limit is ${formatBytes(limit)}.`, { limit });
  }
  const bytes = await readBytes(file, fail);

  if (isImage)
    return { type: 'image', source: { type: 'base64', media_type: sniffed, data: toBase64(bytes) } };
  const source: DocumentBlock['source'] | undefined =
    sniffed === 'application/pdf'
      ? { type: 'base64', media_type: 'application/pdf', data: toBase64(bytes) }
      : textSource(bytes);
  // The API refuses a text document with nothing but whitespace in it.
  if (source?.type === 'text' && !source.data.trim()) throw fail('empty', 'is empty.');
  if (!source) {
    throw fail(
      'unsupported',
      `is not an image (JPEG, PNG, GIF, WebP), a PDF or text${file.type ? ` (it is ${file.type})` : ''}.`,
    );
  }
  const title = options.title ?? file.name;
  return {
    type: 'document',
    source,
    ...(title ? { title } : {}),
    ...(options.citations ? { citations: { enabled: true } } : {}),
  };
}

async function readBytes(
  file: Blob,
  fail: (reason: AttachmentErrorReason, message: string, extra: { cause: unknown }) => AttachmentError,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (cause) {
    throw fail('unreadable', 'could not be read (is it a folder, or was it moved or deleted?).', { cause });
  }
}

/** A text source when `bytes` are UTF-8 without NUL characters (which text never holds and binary files do). */
function textSource(bytes: Uint8Array): DocumentBlock['source'] | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    const data = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { type: 'text', media_type: 'text/plain', data };
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < MiB ? `${Math.round(bytes / 1024)} KiB` : `${Number((bytes / MiB).toFixed(2))} MiB`;
}
