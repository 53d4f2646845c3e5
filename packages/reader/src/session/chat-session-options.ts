import type { AnyChatStreamError, ChatStreamError } from '../errors.ts';
import type { StreamMessageOptions } from '../fetch/stream-message.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { RetryInfo } from '../stream/message-stream-events.ts';
import type { StreamStats } from '../stream/stream-stats.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ExportedVersions, MessageVersions } from './message-versions.ts';
import type { ScheduleFlush } from './notify-scheduler.ts';

/** A client tool: its schema for the model, and optionally how to run it in the client. */
export interface ChatTool<Input = unknown> {
  description?: string;
  /** JSON Schema of the input, sent as `input_schema`. */
  inputSchema: object;
  /**
   * Runs the tool; the return value (or the thrown error's message, with `is_error`) becomes the
   * `tool_result`. Without it the call waits for `addToolResult`. `signal` aborts on `stop()`.
   * `input` is what the model sent, parsed but not checked against `inputSchema`: annotate it with
   * the shape your schema describes (`execute: ({ city }: { city: string }) => …`) and check what
   * matters.
   */
  // A method, not a function property: its parameter is then checked both ways, so a tool whose
  // `execute` takes `{ city: string }` fits a `Record<string, ChatTool>`.
  execute?(input: Input, context: { signal: AbortSignal; toolUseId: string }): unknown;
  /** Wait for `approveToolCall(id, true)` before running (a denial is sent back as an error result). */
  needsApproval?: boolean;
}

/** What a custom transport receives: the conversation, the request body built from it, and the stop signal. */
export interface ChatTransportRequest {
  messages: readonly ChatMessage[];
  /** The JSON body the default transport would POST. */
  body: Record<string, unknown>;
  headers: Headers;
  /** Aborted by `stop()`; the session also calls the stream's `abort()`. */
  signal: AbortSignal;
}

/** How often listeners hear about streamed changes: per animation frame, every N ms, unbatched, or your scheduler. */
export type ChatThrottle = 'frame' | number | false | ScheduleFlush;

/** Options of a {@link ChatSession}; all may change later with `setOptions`. */
export interface ChatSessionOptions extends Pick<
  StreamMessageOptions,
  'fetch' | 'protocol' | 'retry' | 'headersTimeoutMs' | 'idleTimeoutMs' | 'totalTimeoutMs' | 'maxBufferSize'
> {
  /** Where to POST (default `/api/chat`; outside a page, such as Node or Deno, an absolute URL). */
  api?: string | URL;
  /** Extra request body fields (merged last). */
  body?: Record<string, unknown>;
  /** Extra request headers. */
  headers?: RequestInit['headers'];
  /** Sent as `system` (a string or text blocks). */
  system?: unknown;
  /** Sent as `model` (a relay may fill it in instead). */
  model?: string;
  /** Sent as `max_tokens`. */
  maxTokens?: number;
  /** Client tools by name. */
  tools?: Record<string, ChatTool>;
  /** Most assistant turns per `send` (tool calls and `pause_turn` continue automatically; default 5). */
  maxSteps?: number;
  /** Replaces the HTTP request: return a stream for the request (pass `signal` on). */
  transport?: (request: ChatTransportRequest) => MessageStream;
  /**
   * Notification batching while streaming (default `'frame'`): the first content and every later
   * change wait for the next slot; `submitted` and every terminal transition notify at once (with
   * `'frame'`, the end of a stream waits for the next frame when this one already notified).
   */
  throttle?: ChatThrottle;
  /** Queue `send` (and the other requests) while a stream is active instead of refusing with `busy`. */
  queue?: boolean;
  /** The conversation to start from. */
  initialMessages?: readonly ChatMessage[];
  /** Its earlier versions, as `exportVersions()` gave them when it was saved. */
  initialVersions?: ExportedVersions | undefined;
  /**
   * The failure of the request for the conversation's last question, when it was saved unanswered
   * (a 429 before any answer came): the session starts with `status: 'error'` and it, so Retry shows
   * again. Its JSON form (`{ kind, message, … }`) is taken too. Ignored unless the last message is
   * the user's: a failed answer brings its own error.
   */
  initialError?: ChatStreamError | undefined;
  /** Ids for new messages (default: a per-session random prefix and a counter). */
  generateId?: () => string;
  /**
   * Each assistant message that completed. The one that ends the request comes once the session is
   * `ready` again (so it may `send()` the next message); one the request goes on from (its client
   * tools run, a paused turn resumes) comes before that, while the session streams.
   */
  onFinish?: (message: ChatMessage) => void;
  /**
   * The session entered the `error` status with a new failure. A read-on (`reconnect()`) that gets
   * nothing back leaves the answer with the failure it had, heard already, and calls nothing.
   */
  onError?: (error: AnyChatStreamError) => void;
}

/** Where the session is: idle, request sent, receiving, or failed. */
export type ChatSessionStatus = 'ready' | 'submitted' | 'streaming' | 'error';

/** The session's state; the same object until something changes. */
export interface ChatSessionSnapshot {
  readonly messages: readonly ChatMessage[];
  readonly status: ChatSessionStatus;
  readonly error: AnyChatStreamError | undefined;
  /** Figures of the latest stream (after a restore, those saved with the last answer). */
  readonly stats: StreamStats | undefined;
  /**
   * Set while the session waits to reconnect after an attempt failed before any content arrived
   * (see the `retry` option): which retry, how long it waits, and why. Cleared once content
   * arrives or the turn ends, so a UI can say "overloaded, trying again" instead of spinning.
   */
  readonly retrying: RetryInfo | undefined;
  /**
   * The messages that have other versions, by id: an edited question or a regenerated answer, which
   * version of its place is shown (`index`, from 0) and how many there are (`count`). Switch with
   * `showVersion`. Empty until an edit or a regeneration; the same object while nothing changes it.
   */
  readonly versions: MessageVersions;
}
