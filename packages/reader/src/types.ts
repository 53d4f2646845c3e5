/**
 * Anthropic Messages API shapes as they appear on the wire, plus the reader's snapshot type.
 * Declared here rather than imported from `@anthropic-ai/sdk` so the reader has no dependencies;
 * every object type stays open (`[key: string]: unknown`) because the API adds fields over time.
 */

/**
 * A citation attached to a text block (`citations_delta`). Kept as the API sent it; the fields
 * below are those of the API's citation types (`web_search_result_location`, `char_location`,
 * `page_location`, `content_block_location`, `search_result_location`), each present on its own.
 */
export interface Citation {
  type: string;
  cited_text?: string;
  /** The cited page (`web_search_result_location`). */
  url?: string;
  /** The cited page's or search result's title. */
  title?: string | null;
  /** The cited document's position in the request (document citations). */
  document_index?: number;
  document_title?: string | null;
  start_char_index?: number;
  end_char_index?: number;
  start_page_number?: number;
  end_page_number?: number;
  start_block_index?: number;
  end_block_index?: number;
  /** The cited search result's source (`search_result_location`). */
  source?: string;
  [key: string]: unknown;
}

/** Streamed text. */
export interface TextBlock {
  type: 'text';
  text: string;
  citations?: Citation[] | null;
  [key: string]: unknown;
}

/** Extended thinking; `signature` arrives last and replaces. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
  [key: string]: unknown;
}

/** Thinking the API encrypted; arrives complete. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
  [key: string]: unknown;
}

/** A tool call: client tools (`tool_use`), server tools (`server_tool_use`), MCP tools (`mcp_tool_use`). */
export interface ToolUseBlock {
  type: 'tool_use' | 'server_tool_use' | 'mcp_tool_use';
  id: string;
  name: string;
  /** The parsed input; while it streams, the best reading of the partial JSON so far. */
  input: unknown;
  [key: string]: unknown;
}

/**
 * Any other block: server tool results (`web_search_tool_result`, …), `container_upload`, and
 * block types the API adds later. Kept exactly as it came.
 */
export interface OtherBlock {
  type: Exclude<string, KnownBlockType>;
  [key: string]: unknown;
}

/** Block types with a dedicated interface. */
export type KnownBlockType =
  | 'text'
  | 'thinking'
  | 'redacted_thinking'
  | 'tool_use'
  | 'server_tool_use'
  | 'mcp_tool_use';

/** One entry of `Message.content`. */
export type ContentBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock | OtherBlock;

/** How many times each server tool ran, in `usage.server_tool_use`. */
export interface ServerToolUsage {
  web_search_requests?: number;
  web_fetch_requests?: number;
  [key: string]: unknown;
}

/** Token counters; `message_delta` overwrites them (they are totals, never increments). */
export interface Usage {
  input_tokens?: number | null;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** Server tools run for the request: `web_search_requests`, `web_fetch_requests`, and any later ones. */
  server_tool_use?: ServerToolUsage | null;
  service_tier?: string | null;
  [key: string]: unknown;
}

/** Why the model stopped. Open-ended: new reasons may appear. */
export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded'
  | (string & {});

/** An assistant message, sendable back to the API as is. */
export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  stop_details?: unknown;
  usage: Usage;
  [key: string]: unknown;
}

/** `message_start`: the message shell, with empty content. */
export interface MessageStartEvent {
  type: 'message_start';
  message: Message;
}

/** `content_block_start`: a new block at `index` (tool inputs start as a `{}` placeholder). */
export interface ContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: ContentBlock;
}

/** Append text to a text block. */
export interface TextDelta {
  type: 'text_delta';
  text: string;
}
/** Append raw JSON to a tool block's input buffer. */
export interface InputJSONDelta {
  type: 'input_json_delta';
  partial_json: string;
}
/** Push a citation onto a text block. */
export interface CitationsDelta {
  type: 'citations_delta';
  citation: Citation;
}
/** Append thinking text. */
export interface ThinkingDelta {
  type: 'thinking_delta';
  thinking: string;
}
/** Replace a thinking block's signature. */
export interface SignatureDelta {
  type: 'signature_delta';
  signature: string;
}
/** Every delta the reader applies. Unknown delta types are dropped before they get here. */
export type ContentBlockDelta = TextDelta | InputJSONDelta | CitationsDelta | ThinkingDelta | SignatureDelta;

/** `content_block_delta`: a change to the block at `index`. */
export interface ContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: ContentBlockDelta;
}

/** `content_block_stop`: the block at `index` is complete. */
export interface ContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}

/** `message_delta`: stop reason and cumulative usage. */
export interface MessageDeltaEvent {
  type: 'message_delta';
  delta: {
    stop_reason?: StopReason | null;
    stop_sequence?: string | null;
    stop_details?: unknown;
    [key: string]: unknown;
  };
  usage?: Partial<Usage> & { output_tokens?: number };
}

/** `message_stop`: the message is complete. */
export interface MessageStopEvent {
  type: 'message_stop';
}

/** `ping`: keep-alive. */
export interface PingEvent {
  type: 'ping';
}

/** Anthropic's error payload. */
export interface APIErrorBody {
  type: string;
  message: string;
  [key: string]: unknown;
}

/** `error`: the stream failed after it started; nothing follows. */
export interface ErrorEvent {
  type: 'error';
  error: APIErrorBody;
  request_id?: string;
  [key: string]: unknown;
}

/** Every Anthropic stream event the reader understands. */
export type MessageStreamEvent =
  | MessageStartEvent
  | ContentBlockStartEvent
  | ContentBlockDeltaEvent
  | ContentBlockStopEvent
  | MessageDeltaEvent
  | MessageStopEvent
  | PingEvent
  | ErrorEvent;

/** Progress of one block, kept beside the API block (never inside its JSON). */
export interface BlockProgress {
  /** Between `content_block_start` and `content_block_stop`. */
  readonly streaming: boolean;
  /** Tool blocks: the raw JSON received so far. */
  readonly inputJson?: string;
  /**
   * Tool blocks: true once the input JSON parsed completely. False while streaming and when the
   * stream stopped inside the JSON (then `input` is the best partial reading).
   */
  readonly inputComplete?: boolean;
}

/**
 * An immutable view of the message being received: the API message plus per-block progress.
 * Each change produces a new snapshot; blocks that did not change keep their identity.
 */
export interface MessageSnapshot {
  /** The API-shaped message (JSON-clean, sendable back as is). */
  readonly message: Message;
  /** Progress per block, same indices as `message.content`. */
  readonly blocks: readonly BlockProgress[];
  /** `message_stop` arrived. */
  readonly complete: boolean;
}

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The event type; `'message'` when the stream did not set one. */
  event: string;
  /** The data lines joined with `\n`. */
  data: string;
  /** The last event id seen so far (as `EventSource.lastEventId`). */
  id: string;
}
