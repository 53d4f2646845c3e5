import type { ContentBlock } from '../types.ts';

/** The image formats the Messages API reads. */
export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

/** Where an image's bytes are: inline (base64), at a URL the API fetches, or uploaded with the Files API. */
export type ImageSource =
  | { type: 'base64'; media_type: ImageMediaType; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

/** An image in a user message or a tool result. */
export interface ImageBlock {
  type: 'image';
  source: ImageSource;
  [key: string]: unknown;
}

/** Where a document's content is: a PDF (base64), plain text, a URL, content blocks, or a Files API upload. */
export type DocumentSource =
  | { type: 'base64'; media_type: 'application/pdf'; data: string }
  | { type: 'text'; media_type: 'text/plain'; data: string }
  | { type: 'url'; url: string }
  | { type: 'content'; content: string | ContentBlock[] }
  | { type: 'file'; file_id: string };

/** A document (PDF or text) in a user message; `citations.enabled` lets answers cite it. */
export interface DocumentBlock {
  type: 'document';
  source: DocumentSource;
  title?: string | null;
  context?: string | null;
  citations?: { enabled: boolean } | null;
  [key: string]: unknown;
}
