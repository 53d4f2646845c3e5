import type { Citation, ContentBlock, Message, MessageStreamEvent, StopReason } from '@chatstream/reader';
import type { Chunking } from './chunking.ts';
import type { Fault } from './fault-types.ts';

/** A JSON value, as a tool input holds. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: a tool's input. */
export type JsonObject = { [key: string]: JsonValue };

/** An event type the reader does not know yet (the API adds new ones); clients must ignore it. */
export interface FutureEvent {
  type: string;
  [key: string]: unknown;
}

/** Any event a scenario streams: the known Anthropic events, plus future ones. */
export type StreamEvent = MessageStreamEvent | FutureEvent;

/**
 * The usage counters a `message_delta` may carry. Only the counters the official SDK overwrites are
 * listed, so the expected message stays what the SDK computes.
 */
export interface UsageUpdate {
  output_tokens?: number | undefined;
  input_tokens?: number | null | undefined;
  cache_creation_input_tokens?: number | null | undefined;
  cache_read_input_tokens?: number | null | undefined;
  server_tool_use?: Record<string, unknown> | null | undefined;
}

/** A text block, streamed as `text_delta`s. */
export interface TextStep {
  type: 'text';
  text: string;
  /** How the text is cut into deltas (default `'words'`). */
  chunking?: Chunking | undefined;
  /** Citations streamed as `citations_delta`s in this block. */
  citations?: readonly Citation[] | undefined;
  /** How many text deltas precede the citations (default 1: between text deltas when there are several). */
  citationsAfter?: number | undefined;
  /**
   * Stop streaming after this many code points and never send `content_block_stop` (a `max_tokens`
   * cut). Follow with a `max_tokens` stop.
   */
  cutAt?: number | undefined;
}

/** An extended-thinking block: `thinking_delta`s, then one `signature_delta`. */
export interface ThinkingStep {
  type: 'thinking';
  thinking: string;
  /** Defaults to a seeded opaque string. */
  signature?: string | undefined;
  chunking?: Chunking | undefined;
}

/** A `redacted_thinking` block: arrives complete, no deltas. */
export interface RedactedThinkingStep {
  type: 'redacted_thinking';
  data: string;
}

/**
 * A client tool call (`tool_use`), a server tool call (`server_tool_use`), or a call of a tool on an
 * MCP server through the MCP connector (`mcp_tool_use`).
 */
export interface ToolUseStep {
  type: 'tool_use' | 'server_tool_use' | 'mcp_tool_use';
  name: string;
  input: JsonObject;
  /** With `mcp_tool_use`: the name of the MCP server (`server_name`), as the request's `mcp_servers` names it. */
  serverName?: string | undefined;
  /** Defaults to a seeded `toolu_…` / `srvtoolu_…` / `mcptoolu_…` id. */
  id?: string | undefined;
  /**
   * How the input JSON is cut into `input_json_delta`s (default `'words'`; `1` or
   * `'characters'` for one character per delta). An empty first fragment is always sent, as the API does.
   */
  fragments?: Chunking | undefined;
  /**
   * Stop inside the input JSON after this many code points of it, with no `content_block_stop`
   * (a `max_tokens` cut). Follow with a `max_tokens` stop.
   */
  cutAt?: number | undefined;
}

/** A block that arrives complete at `content_block_start` (`web_search_tool_result`, unknown types, …). */
export interface BlockStep {
  type: 'block';
  block: ContentBlock;
}

/** A `ping` event at this point. */
export interface PingStep {
  type: 'ping';
}

/** Any event, sent as is (use it for future event types). It does not change the expected message. */
export interface RawEventStep {
  type: 'event';
  event: FutureEvent;
}

/** A `message_delta` that only updates usage (cumulative totals; the stop reason stays `null`). */
export interface UsageStep {
  type: 'usage';
  usage: UsageUpdate;
}

/** A pause before the next event (a server tool running). Pings fill it when timing is realistic. */
export interface PauseStep {
  type: 'pause';
  ms: number;
}

/** The final `message_delta` and `message_stop`. */
export interface StopStep {
  type: 'stop';
  reason: StopReason;
  stopSequence?: string | null | undefined;
  /** Sent as `delta.stop_details` (refusals explain themselves here). */
  stopDetails?: unknown;
  /** Sent as `delta.container`: the code execution container the answer ran in (`{ id, expires_at }`). */
  container?: unknown;
  /** Sent beside the delta as `context_management`: the edits context editing applied (a beta). */
  contextManagement?: unknown;
  /** Overrides the computed final usage counters. */
  usage?: UsageUpdate | undefined;
}

/** A mid-stream `error` event; the stream ends right after it. */
export interface ErrorStep {
  type: 'error';
  errorType: string;
  message: string;
}

/** One piece of a scenario description. */
export type ScenarioStep =
  | TextStep
  | ThinkingStep
  | RedactedThinkingStep
  | ToolUseStep
  | BlockStep
  | PingStep
  | RawEventStep
  | UsageStep
  | PauseStep
  | StopStep
  | ErrorStep;

/** A response described as data; `defineScenario` turns it into a {@link MockScenario}. */
export interface ScenarioDescription {
  name: string;
  description?: string | undefined;
  model?: string | undefined;
  /** Seeds ids, chunk sizes, jitter. Defaults to a hash of the name. */
  seed?: number | undefined;
  /** `usage.input_tokens` at `message_start` (default 24). */
  inputTokens?: number | undefined;
  /** `usage.cache_creation_input_tokens` at `message_start`: prompt written to the cache (default 0). */
  cacheCreationInputTokens?: number | undefined;
  /** `usage.cache_read_input_tokens` at `message_start`: prompt read from the cache (default 0). */
  cacheReadInputTokens?: number | undefined;
  steps: readonly ScenarioStep[];
  faults?: readonly Fault[] | undefined;
  /**
   * What the answer goes on with when a request continues it from its end (all it streamed sent back
   * as the final assistant message): a turn paused with `pause_turn` resumed, an answer an `error`
   * step broke off retried. Steps (with this scenario's input usage), or a built scenario whose steps
   * and input usage (`inputTokens`, cache counts) are taken, not its model or its own continuation. Without it, such an answer ends there with `end_turn`.
   */
  continuation?: readonly ScenarioStep[] | MockScenario | undefined;
}

/** How a correct client should fail on this scenario. */
export interface ExpectedError {
  /**
   * The `kind` of the error `@chatstream/reader` gives: `http`, an error status before the stream,
   * or a 200 that is not `text/event-stream` (then `contentType` says what it was); `stream-event`,
   * an `error` event; `connection`, the connection dropped; `incomplete`, the stream ended without
   * `message_stop`; `protocol`, a malformed event.
   */
  kind: 'http' | 'stream-event' | 'connection' | 'incomplete' | 'protocol';
  status?: number;
  /** The `content-type` a response that is not a stream came with. */
  contentType?: string;
  /** The Anthropic `error.type`, when the failure carries one. */
  errorType?: string;
}

/** An event of the scenario and the pause (ms) the script asks for before it. */
export interface TimelineEntry {
  event: StreamEvent;
  pauseBefore: number;
}

/** A compiled scenario: the events to stream and what a correct client ends up with. */
export interface MockScenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** The description it was compiled from (build variants from it). */
  readonly steps: readonly ScenarioStep[];
  /** The Anthropic events, in order. */
  readonly events: readonly StreamEvent[];
  /** The events with the script's pauses. */
  readonly timeline: readonly TimelineEntry[];
  /**
   * What the official SDK's `finalMessage()` returns for these events (minus its SDK-only
   * `parsed_output`), computed from the description, not by replaying the events. When the events
   * end early (an `error` step), the message received up to that point.
   */
  readonly expectedMessage: Message;
  /**
   * The text as chatstream's reader reads it (`finalText()`, `joinTextBlocks`): text blocks as they
   * are, a blank line before text that follows another kind of block. (The SDK's `finalText()` puts
   * a space between any two text blocks.)
   */
  readonly expectedText: string;
  /** Set when a correct client must fail (HTTP error, `error` event, dropped connection, …). */
  readonly expectedError?: ExpectedError;
  /** Transport and HTTP faults applied when the scenario is served. */
  readonly faults: readonly Fault[];
  /**
   * The answer to a request that continues this one from its end, when the description gave one,
   * compiled with this scenario's name, seed and model (its `expectedMessage` is what that request
   * streams). The faults are this scenario's when served.
   */
  readonly continuation?: MockScenario;
}
