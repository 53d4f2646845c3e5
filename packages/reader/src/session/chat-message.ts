import type { DocumentBlock, ImageBlock } from '../attachments/attachment-blocks.ts';
import type { AnyChatStreamError } from '../errors.ts';
import type { StreamStats } from '../stream/stream-stats.ts';
import type { BlockProgress, ContentBlock, Message, OtherBlock, StopReason, TextBlock } from '../types.ts';

/** The answer to a client tool call, sent in a user message. */
export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | (TextBlock | ImageBlock | DocumentBlock | ContentBlock)[];
  is_error?: boolean;
  [key: string]: unknown;
}

/** A block a user message may hold: text, an image, a document, a tool result, or any other API block. */
export type UserContentBlock = TextBlock | ImageBlock | DocumentBlock | ToolResultBlock | OtherBlock;

/** What `send` and `edit` take: text, or content blocks. */
export type ChatInput = string | UserContentBlock[];

/** Where a client tool call is. */
export interface ToolCallState {
  /**
   * `input-streaming` while its turn streams; then `awaiting-approval` (a `needsApproval` tool),
   * `awaiting-result` (no `execute`: waits for `addToolResult`), `running`, and finally `done`,
   * `error` (it threw, the tool is unknown, or its turn ended without it), `denied`, or `stopped`
   * (it was running when the user stopped; the model is told so, and `retry()` runs it again).
   */
  status:
    | 'input-streaming'
    | 'awaiting-approval'
    | 'awaiting-result'
    | 'running'
    | 'done'
    | 'error'
    | 'denied'
    | 'stopped';
  /** What was (or will be) sent back as the `tool_result` content. */
  result?: unknown;
}

/** Where a message is: `streaming`, or how its stream ended. */
export type ChatMessageStatus = 'streaming' | 'complete' | 'aborted' | 'error' | 'incomplete';

/**
 * One conversation message: `role` and `content` in the Anthropic shape (sendable as is), and the UI
 * state beside them, never inside `content`.
 */
export interface ChatMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly content: ContentBlock[];
  /** Assistant messages: `streaming` until the stream ends. A user stop is `aborted`, never `error`. */
  readonly status?: ChatMessageStatus | undefined;
  /** Why the model stopped (`max_tokens` and `refusal` are surfaced here, never hidden). */
  readonly stopReason?: StopReason | null | undefined;
  /** Figures of the stream that produced the message. */
  readonly stats?: StreamStats | undefined;
  /** The failure that ended the message (status `error` or `incomplete`). */
  readonly error?: AnyChatStreamError | undefined;
  /** Progress per block, same indices as `content`. */
  readonly blocks?: readonly BlockProgress[] | undefined;
  /** Client tool calls of this turn, by `tool_use` id. */
  readonly toolCalls?: Readonly<Record<string, ToolCallState>> | undefined;
  /** The API message, for assistant turns. */
  readonly message?: Message | undefined;
  /**
   * While it streams from a relay that keeps its streams (`resume` in `@chatstream/server`): the
   * stream's id. A conversation saved mid-answer keeps it, so `ChatSession.reconnect()` can read on
   * after a page reload.
   */
  readonly streamId?: string | undefined;
}
