import type { BlockRenderers } from '../block-props.ts';
import { DocumentBlock } from './document-block.tsx';
import { ImageBlock } from './image-block.tsx';

/**
 * Renderers for attachments: `image` ({@link ImageBlock}) and `document` ({@link DocumentBlock}).
 * Kept out of the default renderers so apps without attachments do not ship them; without them
 * these blocks fall back to their (shortened) JSON.
 *
 * @example
 * <ChatStream api="/api/chat" renderers={attachmentRenderers} />
 * <MessageContent message={message} renderers={{ ...attachmentRenderers, tool_use: MyToolCard }} />
 */
export const attachmentRenderers: BlockRenderers = {
  image: ImageBlock,
  document: DocumentBlock,
};
