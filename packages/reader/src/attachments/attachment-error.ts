import { ChatStreamError } from '../errors.ts';

/**
 * Why a file cannot be attached: `empty` (no bytes, or a text of only whitespace, which the API
 * refuses), `unsupported` (not a type the API reads), `too-large` (over the size limit),
 * `unreadable` (moved or deleted since it was picked, or a folder), or `too-many` (one file more
 * than a message may hold, from an attachments UI's own limit). A UI can word each in its own
 * language from the reason and the other details, without reading the message.
 */
export type AttachmentErrorReason = 'empty' | 'unsupported' | 'too-large' | 'unreadable' | 'too-many';

/** What {@link AttachmentError} tells about the file. */
export interface AttachmentErrorDetails {
  /** Why the file cannot be attached. */
  reason: AttachmentErrorReason;
  /** The file's name, when it has one. */
  fileName: string | undefined;
  /** The type the file claimed (`Blob.type`; empty when the browser did not know it). */
  mediaType: string;
  /** The file's size in bytes. */
  size: number;
  /** The limit it went over: bytes (`too-large`) or files (`too-many`). */
  limit?: number | undefined;
  /** The underlying error, when one caused this (a read that failed). */
  cause?: unknown;
}

/**
 * A file that cannot become an image or document block: empty, not a type the API reads, larger
 * than its limit, or not readable (moved or deleted since it was picked); `reason` says which.
 * Kind `'attachment'`.
 */
export class AttachmentError extends ChatStreamError {
  override name = 'AttachmentError';
  declare readonly kind: 'attachment';
  /** Why the file cannot be attached: `empty`, `unsupported`, `too-large`, `unreadable` or `too-many`. */
  declare readonly reason: AttachmentErrorReason;
  /** The file's name; undefined for a `Blob` without one. */
  declare readonly fileName: string | undefined;
  /** The type the file claimed (`Blob.type`); empty when the browser did not know it. */
  declare readonly mediaType: string;
  /** The file's size, in bytes. */
  declare readonly size: number;
  /** The limit it went over: bytes for `too-large`, files for `too-many`; undefined for other reasons. */
  declare readonly limit: number | undefined;

  constructor(message: string, details: AttachmentErrorDetails) {
    super('attachment', message, { cause: details.cause });
    this.reason = details.reason;
    this.fileName = details.fileName;
    this.mediaType = details.mediaType;
    this.size = details.size;
    this.limit = details.limit;
  }
}
