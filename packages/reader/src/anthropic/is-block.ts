import type { DocumentBlock, ImageBlock } from '../attachments/attachment-blocks.ts';
import type { ToolResultBlock, UserContentBlock } from '../session/chat-message.ts';
import type {
  ContentBlock,
  KnownBlockType,
  RedactedThinkingBlock,
  TextBlock,
  ThinkingBlock,
  ToolUseBlock,
} from '../types.ts';

type KnownBlock =
  | TextBlock
  | ThinkingBlock
  | RedactedThinkingBlock
  | ToolUseBlock
  | ImageBlock
  | DocumentBlock
  | ToolResultBlock;

/** Block types `isBlock` narrows to an interface: the answer's, and the user's images, documents and tool results. */
export type NarrowableBlockType = KnownBlockType | 'image' | 'document' | 'tool_result';

/** The interface of blocks of type `Type`: `TextBlock` for `'text'`, `ToolUseBlock` for `'tool_use'`… */
export type BlockOfType<Type extends NarrowableBlockType> = KnownBlock extends infer Block
  ? Block extends { type: infer Types }
    ? Type extends Types
      ? Block
      : never
    : never
  : never;

/**
 * Whether `block` is of `type`, narrowing it to that block's interface. `block.type === 'text'`
 * cannot narrow a `ContentBlock`: blocks of types the API adds later are kept as `OtherBlock`,
 * whose `type` is any string, so TypeScript still allows `'text'` there. A user message's blocks
 * narrow too: `'image'`, `'document'`, `'tool_result'`.
 *
 * @example
 * const text = message.content.filter((block) => isBlock(block, 'text')).map((block) => block.text).join('');
 */
export function isBlock<Type extends NarrowableBlockType>(
  block: ContentBlock | UserContentBlock,
  type: Type,
): block is BlockOfType<Type> {
  return block.type === type;
}

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/** True for blocks whose `input` streams as JSON (`tool_use`, `server_tool_use`, `mcp_tool_use`). */
export function isToolBlock(block: ContentBlock): block is ToolUseBlock {
  return TOOL_BLOCKS.has(block.type);
}
