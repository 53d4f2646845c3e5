import type { BlockRenderers } from '../block-props.ts';
import { DocumentBlock } from './document-block.tsx';
import { ImageBlock } from './image-block.tsx';
import { ToolResultBlockWithMedia, ToolUseBlockWithMedia } from './tool-result-media.tsx';

/**
 * Renderers for attachments: `image` ({@link ImageBlock}) and `document` ({@link DocumentBlock}), and
 * tool calls and results that draw the images and documents of a tool's result
 * ({@link ToolUseBlockWithMedia}, {@link ToolResultBlockWithMedia}). Kept out of the default renderers
 * so apps without attachments do not ship them; without them these blocks fall back to their
 * (shortened) JSON.
 *
 * @example
 * <ChatStream api="/api/chat" renderers={attachmentRenderers} />
 * <MessageContent message={message} renderers={{ ...attachmentRenderers, tool_use: MyToolCard }} />
 */
export const attachmentRenderers: BlockRenderers = {
  image: ImageBlock,
  document: DocumentBlock,
  tool_use: ToolUseBlockWithMedia,
  tool_result: ToolResultBlockWithMedia,
  mcp_tool_result: ToolResultBlockWithMedia,
};
