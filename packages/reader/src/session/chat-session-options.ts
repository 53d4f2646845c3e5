import type { AnyChatStreamError, ChatStreamError } from '../errors.ts';
import type { StreamMessageOptions } from '../fetch/stream-message.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { RetryInfo } from '../stream/message-stream-events.ts';
import type { StreamStats } from '../stream/stream-stats.ts';
import type { Usage } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ExportedVersions, MessageVersions } from './message-versions.ts';
import type { ScheduleFlush } from './notify-scheduler.ts';

/**
 * A client tool: one of your own (its `description` and `inputSchema` for the model) or one
 * Anthropic defines (its `type`), and optionally how to run it in the client.
 */
export interface ChatTool<Input = unknown> {
  /** What the tool does, for the model (sent as `description`). */
  description?: string | undefined;
  /**
   * The input's JSON Schema, sent as `input_schema`; or a validation library's schema that
   * implements Standard JSON Schema (zod 4.2+, ArkType 2.1.28+; `defineTool` types a tool from it), sent as
   * its JSON Schema and checked against each call's input before it runs. Required, unless `type`
   * is given.
   */
  inputSchema?: object | undefined;
  /**
   * A tool Anthropic defines and the client runs, by the type Anthropic names it: the bash tool
   * (`bash_20250124`), the text editor (`text_editor_20250728`, named
   * `str_replace_based_edit_tool`), memory (`memory_20250818`), computer use. Sent as
   * `{ type, name, ...definition }`, without `inputSchema` or `description`: its schema is built into
   * the model. It runs here like any client tool.
   */
  type?: string | undefined;
  /**
   * The other fields of its definition: with `type`, the tool's own (`max_characters`,
   * `display_width_px`…); without, sent beside its name, description and schema (`defer_loading:
   * true` for tool search, `cache_control`, `strict`).
   */
  definition?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Runs the tool; the return value (or the thrown error's message, with `is_error`) becomes the
   * `tool_result`. Without it the call waits for `addToolResult`. `signal` aborts on `stop()`.
   * With a JSON Schema, `input` is what the model sent, parsed but not checked against it: annotate
   * it with the shape your schema describes (`execute: ({ city }: { city: string }) => …`) and
   * check what matters. With a Standard Schema it is what the schema returned.
   */
  // The type of a method, not of a function property: its parameter is then checked both ways, so a
  // tool whose `execute` takes `{ city: string }` fits a `Record<string, ChatTool>`.
  execute?: ChatToolExecute<Input>['execute'] | undefined;
  /**
   * Wait for `approveToolCall(id, true)` before running (a denial is sent back as an error result):
   * always, or for the calls whose input it returns true for (a file edit, not a read; a command
   * that writes). A function that throws is reported, and the call waits for approval.
   */
  needsApproval?: boolean | ChatToolApproval<Input>['needsApproval'] | undefined;
  /**
   * The answer ends with this tool's call (a card or a form the page draws from its input): once it
   * has its result (from `execute`, or `addToolResult`), the result waits for the person's next
   * message instead of going back at once, which would cost a request and an answer nobody needs.
   * A turn that also calls other tools goes on as usual.
   */
  endsTurn?: boolean | undefined;
}

/** `needsApproval` as a method, whose parameter is checked both ways (as `execute`'s). */
interface ChatToolApproval<Input> {
  needsApproval(input: Input): boolean;
}

/** `execute` as a method, whose parameter is checked both ways (see {@link ChatTool}). */
interface ChatToolExecute<Input> {
  execute(input: Input, context: { signal: AbortSignal; toolUseId: string }): unknown;
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
  | 'fetch'
  | 'protocol'
  | 'retry'
  | 'headersTimeoutMs'
  | 'idleTimeoutMs'
  | 'totalTimeoutMs'
  | 'maxBufferSize'
  | 'requestQueue'
> {
  /** Where to POST (default `/api/chat`; outside a page, such as Node or Deno, an absolute URL). */
  api?: string | URL | undefined;
  /** Extra request body fields (merged last). */
  body?: Record<string, unknown> | undefined;
  /** Extra request headers. */
  headers?: RequestInit['headers'] | undefined;
  /** Sent as `system` (a string or text blocks). */
  system?: unknown;
  /** Sent as `model` (a relay may fill it in instead). */
  model?: string | undefined;
  /** Sent as `max_tokens`. */
  maxTokens?: number | undefined;
  /** Client tools by name. */
  tools?: Record<string, ChatTool> | undefined;
  /** Most assistant turns per `send` (tool calls and `pause_turn` continue automatically; default 5). */
  maxSteps?: number | undefined;
  /** Replaces the HTTP request: return a stream for the request (pass `signal` on). */
  transport?: ((request: ChatTransportRequest) => MessageStream) | undefined;
  /**
   * Notification batching while streaming (default `'frame'`): the first content and every later
   * change wait for the next slot; `submitted` and every terminal transition notify at once (with
   * `'frame'`, the end of a stream waits for the next frame when this one already notified).
   */
  throttle?: ChatThrottle | undefined;
  /** Queue `send` (and the other requests) while a stream is active instead of refusing with `busy`. */
  queue?: boolean | undefined;
  /** The conversation to start from. */
  initialMessages?: readonly ChatMessage[] | undefined;
  /** Its earlier versions, as `exportVersions()` gave them when it was saved. */
  initialVersions?: ExportedVersions | undefined;
  /**
   * The failure no answer holds, when the conversation was saved with it: the request for its last
   * question failed (a 429 before any answer came), or it stopped at `maxSteps`. The session starts
   * with `status: 'error'` and it, so Retry (Continue) shows again. Its JSON form
   * (`{ kind, message, … }`) is taken too. A failed last answer brings its own error instead, and a
   * conversation that ends in any other answer (but a paused turn) starts `ready`.
   */
  initialError?: ChatStreamError | undefined;
  /** Ids for new messages (default: a per-session random prefix and a counter). */
  generateId?: (() => string) | undefined;
  /**
   * Each assistant message that completed. The one that ends the request comes once the session is
   * `ready` again (so it may `send()` the next message); one the request goes on from (its client
   * tools run, a paused turn resumes) comes before that, while the session streams.
   */
  onFinish?: ((message: ChatMessage) => void) | undefined;
  /**
   * The session entered the `error` status with a new failure. A read-on (`reconnect()`) that gets
   * nothing back leaves the answer with the failure it had, heard already, and calls nothing.
   */
  onError?: ((error: AnyChatStreamError) => void) | undefined;
  /**
   * Each request the session made (a send, retry, regenerate, edit, an approval going on, a
   * reconnect) once it is over, however it ended: complete, failed or stopped. Once per request,
   * its tool steps and `pause_turn` continuations included, after `onFinish` and `onError`: the
   * place to save the conversation or count an answer, stopped and failed ones too (which
   * `onFinish` does not hear). Not called for a request cut short by `setMessages` or `clear()`.
   */
  onSettled?: ((settled: ChatSettled) => void) | undefined;
  /**
   * Each API request the session made that the API began to answer (`message_start` came), once its
   * stream ended, however it ended, also cut short by `setMessages` or `clear()`: what it used. A
   * tool loop makes one request per step, a stop then Continue two; an attempt that failed before
   * any content and was retried is not heard. A read-on from the relay (`reconnect()`, a Retry after
   * a lost connection, a reload mid-answer) replays its request and is heard again (`readOn`, the
   * same `messageId`): let it replace the report it repeats. Not called with `protocol: 'text'`,
   * which carries no usage. The place to count tokens across a conversation, stopped answers
   * included (an answer's own `usage` is its last request's).
   */
  onUsage?: ((used: ChatUsage) => void) | undefined;
}

/** What one API request of a {@link ChatSession} used, as `onUsage` hears it. */
export interface ChatUsage {
  /**
   * The answer it streamed into (a Continue streams into the answer it carries on); it may be gone
   * from the conversation since (`clear()`, an answer begun with nothing in it).
   */
  answerId: string;
  /** The API's id of the message it streamed (`msg_…`): the same when a read-on replays it. */
  messageId: string;
  /** Whether this is a read-on from the relay, which replays a request heard before (when it ended with a lost connection). */
  readOn: boolean;
  /** How its stream ended: `complete`, `error` (cut off or failed), or `aborted` (stopped). */
  outcome: 'complete' | 'error' | 'aborted';
  /** Its usage as the stream last said it: input and cache counts from the start, output from the last update. */
  usage: Usage;
  /**
   * Its output tokens: the usage's count when the stream ended as it should, else that count plus an
   * estimate of the text that came after the last update (a stop between two updates).
   */
  outputTokens: number;
  /** Whether `outputTokens` is exactly what the API said. */
  outputTokensExact: boolean;
}

/** How a request of a {@link ChatSession} ended, as `onSettled` hears it. */
export interface ChatSettled {
  /**
   * `complete`: it ended as asked, also waiting for a tool call's approval or result; `error`: it
   * failed (see `error`); `aborted`: it was stopped.
   */
  outcome: 'complete' | 'error' | 'aborted';
  /** The answer the request ended with (its last step's), when one came. */
  answer: ChatMessage | undefined;
  /** The failure, for `error`. */
  error?: AnyChatStreamError | undefined;
  /** The whole conversation as it is now: what to save. */
  messages: readonly ChatMessage[];
}

/** Where the session is: idle, request sent, receiving, or failed. */
export type ChatSessionStatus = 'ready' | 'submitted' | 'streaming' | 'error';

/** The session's state; the same object until something changes. */
export interface ChatSessionSnapshot {
  /**
   * The conversation, oldest first: user and assistant messages in the Anthropic shape, the answer
   * being streamed last. A new array whenever a message changes; unchanged messages keep their identity.
   */
  readonly messages: readonly ChatMessage[];
  /**
   * `ready` (idle: nothing sent, or the last answer ended, stopped included), `submitted` (request
   * sent, nothing received yet), `streaming` (the answer is arriving) or `error` (the last request
   * failed: see `error`).
   */
  readonly status: ChatSessionStatus;
  /**
   * The failure when `status` is `error`, a typed chatstream error (narrow it by `kind`: `http` has
   * `status` and `retryAfterMs`…); undefined in every other status. A stop is not an error.
   */
  readonly error: AnyChatStreamError | undefined;
  /**
   * Figures of the latest stream (time to first token and tokens/s in milliseconds and per second,
   * token counts); after a restore, those saved with the last answer. Undefined before any stream.
   */
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
