import type { ComponentType, ReactNode } from 'react';
import type { BlockProgress, ChatMessage, ContentBlock, ToolCallState } from '@chatstream/reader';

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
  onToolResult?: ((toolUseId: string, result: unknown, options?: { isError?: boolean }) => void) | undefined;
}

/** A renderer for one content block type. */
// Each renderer takes its own block type; props are contravariant, so only `any` lets one map hold
// them all and still be called with a plain `ContentBlock`.
// oxlint-disable-next-line typescript/no-explicit-any
export type BlockRenderer = ComponentType<BlockRendererProps<any>>;

/**
 * Renderers by block `type` (`text`, `thinking`, `redacted_thinking`, `tool_use`, `tool_result`,
 * `server_tool_use`, `web_search_tool_result`, …); `MessageContent` merges yours over the defaults
 * and renders unknown types with the `fallback` entry.
 */
export type BlockRenderers = Partial<Record<string, BlockRenderer>> & { fallback?: BlockRenderer };
