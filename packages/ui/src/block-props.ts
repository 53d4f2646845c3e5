import type { Component, ComponentType, FunctionComponent, ReactNode } from 'react';
import type {
  BlockProgress,
  ChatMessage,
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  OtherBlock,
  RedactedThinkingBlock,
  TextBlock,
  ThinkingBlock,
  ToolCallState,
  ToolResultBlock,
  ToolUseBlock,
} from '@chatstream/reader';
import type { TextRunPart } from './blocks/text-runs.ts';

/**
 * What every block renderer receives from `MessageContent`: the API block, its progress and, for a
 * tool call, the client tool state. Renderers are presentational: props in, DOM out.
 */
export interface BlockRendererProps<Block extends ContentBlock = ContentBlock> {
  /** The Anthropic content block (JSON-clean). */
  block: Block;
  /** Its position in `message.content`. */
  index: number;
  /** The message it belongs to (status, stop reason, tool calls, all blocks for cross-references). */
  message: ChatMessage;
  /** Progress of this block: still streaming, raw tool input so far, whether the input parsed. */
  progress: BlockProgress | undefined;
  /** Tool-use blocks: the client tool state from the session, when the block is a client tool call. */
  toolCall?: ToolCallState | undefined;
  /** Tool-result blocks in user messages and server tool result blocks: the matching tool-use block. */
  toolUse?: ContentBlock | undefined;
  /**
   * Text blocks: the consecutive text blocks `block` joins, each with where its text starts in
   * `block.text` (`block.citations` holds all their citations). Claude splits an answer's text where
   * its citations begin and end, so `MessageContent` hands a run of them to one renderer. Absent for
   * a text block drawn on its own.
   */
  textRun?: readonly TextRunPart[] | undefined;
  /** Renders markdown text; `TextBlock` uses it when given (from `@chatstream/ui/markdown`), else plain text. */
  renderText?: ((text: string, streaming: boolean) => ReactNode) | undefined;
  /**
   * Tool-use blocks whose `toolCall.status` is `awaiting-approval`: approve (`true`, the tool runs)
   * or deny (`false`, an error result goes back to the model). `ChatStream` wires it to the session's
   * `approveToolCall(id, approved)`; absent when nobody can approve (then render no buttons).
   * Calling it for a call that no longer waits is ignored.
   */
  onApprove?: ((toolUseId: string, approved: boolean) => void) | undefined;
  /**
   * Tool-use blocks whose `toolCall.status` is `awaiting-result` (a client tool without `execute`:
   * human in the loop): send the result (`isError` marks a failure). `ChatStream` wires it to the
   * session's `addToolResult(id, result, options)`; calling it twice is ignored.
   */
  onToolResult?:
    | ((toolUseId: string, result: unknown, options?: { isError?: boolean | undefined }) => void)
    | undefined;
}

/**
 * A renderer for blocks of type `Block`: `BlockRenderer<ToolUseBlock>` for a tool call card. Without
 * a type argument, one that takes any block (what `fallback` needs).
 */
export type BlockRenderer<Block extends ContentBlock = ContentBlock> = ComponentType<
  BlockRendererProps<Block>
>;

/**
 * The block each known `type` hands its renderer in {@link BlockRenderers}: `text` a `TextBlock`,
 * `tool_use` a `ToolUseBlock`, `image` an `ImageBlock`… Blocks of any other type arrive as an
 * `OtherBlock`.
 */
export interface RenderedBlocks {
  text: TextBlock;
  thinking: ThinkingBlock;
  redacted_thinking: RedactedThinkingBlock;
  tool_use: ToolUseBlock;
  server_tool_use: ToolUseBlock;
  mcp_tool_use: ToolUseBlock;
  tool_result: ToolResultBlock;
  image: ImageBlock;
  document: DocumentBlock;
}

/** A renderer of blocks whose `type` is not in {@link RenderedBlocks}, as a method (see below). */
interface OtherBlockRenderer {
  // A method's parameter is checked both ways: an entry that is a `text` renderer is also one of the
  // map's string keys, and must fit there too.
  render(props: BlockRendererProps<OtherBlock>): ReturnType<FunctionComponent>;
}

/**
 * Renderers by block `type` (`text`, `thinking`, `redacted_thinking`, `tool_use`, `tool_result`,
 * `server_tool_use`, `web_search_tool_result`, …), each typed for its block (see
 * {@link RenderedBlocks}); any other type takes a renderer of `OtherBlock`. `MessageContent` merges
 * yours over the defaults (an entry set to `undefined` keeps the default) and renders unknown types
 * with the `fallback` entry, which takes any block.
 *
 * @example
 * const renderers: BlockRenderers = {
 *   tool_use: ({ block }) => <p>Called {block.name}</p>,
 *   web_search_tool_result: ({ block }) => <p>{String(block.type)}</p>,
 * };
 */
export type BlockRenderers = {
  [Type in keyof RenderedBlocks]?: BlockRenderer<RenderedBlocks[Type]> | undefined;
} & {
  /** Draws the blocks no other entry is for. */
  fallback?: BlockRenderer | undefined;
  [type: string]:
    | BlockRenderer<OtherBlock>
    | OtherBlockRenderer['render']
    | (new (props: never) => Component<unknown>)
    | undefined;
};
