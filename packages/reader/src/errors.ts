import type { AttachmentError } from './attachments/attachment-error.ts';
import type { ChatSessionError } from './session/chat-session-error.ts';
import type { MessageSnapshot } from './types.ts';

/** What every chatstream error can carry: the part of the message that had already arrived. */
export interface ChatStreamErrorOptions {
  /** The snapshot built before the failure; absent when nothing had arrived. */
  partial?: MessageSnapshot | undefined;
  /** The underlying error, when one caused this. */
  cause?: unknown;
}

/**
 * Until its stack is read, V8 keeps the functions and receivers of every frame alive: a failed answer
 * kept in a conversation would hold the stream and the request it came from (and through its cause,
 * what the code that failed held). Read once, a stack is text and holds nothing.
 */
function stackAsText(error: unknown): void {
  if (error instanceof Error && error.stack) error.stack += '';
}

/**
 * Base class of every error the reader raises. `kind` tells the failures apart without
 * `instanceof` (which breaks across bundles); `partial` keeps what was already received.
 */
export class ChatStreamError extends Error {
  /** A stable, machine-readable tag for the failure family. */
  declare readonly kind: ChatStreamErrorKind;
  /** The message received before the failure, when any of it arrived. */
  declare readonly partial: MessageSnapshot | undefined;
  /**
   * The API's id of the request (its `request-id` header), for failures after its response came:
   * an HTTP error, an `error` event, and a connection lost, a timeout or a stream cut short after
   * the headers. Quote it to the provider's support.
   */
  declare readonly requestId?: string | undefined;

  constructor(kind: ChatStreamErrorKind, message: string, options: ChatStreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.partial = options.partial;
    this.name = 'ChatStreamError';
    stackAsText(this);
    stackAsText(options.cause);
  }

  /**
   * Plain data for `JSON.stringify`: `name`, `kind`, `message` and the details of its class, without
   * `partial` (a saved conversation has that content in its message already). A session given it
   * back (`initialMessages`, `setMessages`) makes it a `ChatStreamError` again.
   */
  toJSON(): object {
    // JSON leaves out what is undefined.
    return { ...(this as object), message: this.message, partial: undefined };
  }
}

/** The failure families, one per error class. */
export type ChatStreamErrorKind =
  | 'http'
  | 'stream-event'
  | 'connection'
  | 'incomplete'
  | 'timeout'
  | 'protocol'
  | 'buffer-limit'
  | 'abort'
  | 'session'
  | 'attachment';

/**
 * Any error chatstream raises, as the union of its classes, so that checking `kind` narrows it:
 * `if (error.kind === 'http') error.status`. What the reader's APIs hand you is typed so; an error
 * restored from storage has its class's fields but not its class, hence `kind` over `instanceof`.
 */
export type AnyChatStreamError =
  | HTTPError
  | StreamEventError
  | ConnectionError
  | IncompleteStreamError
  | TimeoutError
  | ProtocolError
  | BufferLimitError
  | AbortError
  | ChatSessionError
  | AttachmentError;

/** Details of a non-2xx (or non-SSE) response. */
export interface HTTPErrorDetails extends ChatStreamErrorOptions {
  /** The HTTP status code of the response. */
  status: number;
  /** Anthropic's `error.type`, e.g. `rate_limit_error`, when the body said so. */
  errorType?: string | undefined;
  /** The `request-id` header (or the body's `request_id`). */
  requestId?: string | undefined;
  /** Delay asked for by `retry-after-ms` / `retry-after`, in milliseconds. */
  retryAfterMs?: number | undefined;
  /**
   * The response body as text: an error status body up to its first 64 KiB; for a 2xx of the wrong
   * content type (which may be a live stream), what its first chunk held.
   */
  body?: string | undefined;
  /** The response's `content-type`. */
  contentType?: string | undefined;
  /** The server's `x-should-retry` verdict, when it gave one. */
  shouldRetry?: boolean | undefined;
}

/** The server answered with a non-2xx status, or with something other than `text/event-stream`. */
export class HTTPError extends ChatStreamError {
  override name = 'HTTPError';
  declare readonly kind: 'http';
  /** The HTTP status code of the response (`429`, `529`…; a 2xx when the content type was wrong). */
  declare readonly status: number;
  /**
   * Anthropic's `error.type` from the body (`rate_limit_error`, `overloaded_error`…); undefined when
   * the body was not an Anthropic error (a proxy's HTML page, an empty body).
   */
  declare readonly errorType: string | undefined;
  /** The `request-id` header, or the body's `request_id`, for support tickets; undefined when neither came. */
  declare readonly requestId: string | undefined;
  /**
   * How long the server asked to wait before trying again, in milliseconds (from `retry-after-ms`, or
   * `retry-after` in seconds or as a date); undefined when it asked for nothing.
   */
  declare readonly retryAfterMs: number | undefined;
  /**
   * The response body as text: an error status body up to its first 64 KiB; for a 2xx of the wrong
   * content type, what its first chunk held. Undefined when there was none or it could not be read.
   */
  declare readonly body: string | undefined;
  /** The response's `content-type` header; undefined when it had none. */
  declare readonly contentType: string | undefined;
  /**
   * The server's `x-should-retry` verdict (`true` / `false`), which overrides the status's default in
   * `isRetryable`; undefined when the header was absent.
   */
  declare readonly shouldRetry: boolean | undefined;

  constructor(message: string, details: HTTPErrorDetails) {
    super('http', message, details);
    this.status = details.status;
    this.errorType = details.errorType;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
    this.contentType = details.contentType;
    this.shouldRetry = details.shouldRetry;
  }
}

/** The stream carried an Anthropic `error` event (e.g. `overloaded_error` after content began). */
export class StreamEventError extends ChatStreamError {
  override name = 'StreamEventError';
  declare readonly kind: 'stream-event';
  /** Anthropic's `error.type`, e.g. `overloaded_error` (`unknown_error` when the event named none). */
  declare readonly errorType: string;
  /** `request_id` from the event, or the response's `request-id` header; undefined when neither came. */
  declare readonly requestId: string | undefined;

  constructor(
    errorType: string,
    message: string,
    options?: ChatStreamErrorOptions & { requestId?: string | undefined },
  ) {
    super('stream-event', message, options);
    this.errorType = errorType;
    this.requestId = options?.requestId;
  }
}

/** The connection failed or dropped (network error, reset) before the stream ended. */
export class ConnectionError extends ChatStreamError {
  override name = 'ConnectionError';
  declare readonly kind: 'connection';
  constructor(message: string, options?: ChatStreamErrorOptions) {
    super('connection', message, options);
  }
}

/** The body ended cleanly but the protocol's end marker (`message_stop` / `[DONE]`) never came. */
export class IncompleteStreamError extends ChatStreamError {
  override name = 'IncompleteStreamError';
  declare readonly kind: 'incomplete';
  constructor(message: string, options?: ChatStreamErrorOptions) {
    super('incomplete', message, options);
  }
}

/** Which deadline passed. */
export type TimeoutPhase = 'headers' | 'idle' | 'total';

/** A deadline passed: no headers in time, no bytes for too long, or the whole stream took too long. */
export class TimeoutError extends ChatStreamError {
  override name = 'TimeoutError';
  declare readonly kind: 'timeout';
  /** Which deadline passed: `headers` (`headersTimeoutMs`), `idle` (`idleTimeoutMs`) or `total` (`totalTimeoutMs`). */
  declare readonly phase: TimeoutPhase;
  /** The deadline that passed, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(phase: TimeoutPhase, timeoutMs: number, options?: ChatStreamErrorOptions) {
    super(
      'timeout',
      `No ${phase === 'headers' ? 'response headers' : phase === 'idle' ? 'data' : 'end of stream'} within ${timeoutMs} ms`,
      options,
    );
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The bytes broke the protocol: bad JSON, events out of order, a delta for a block that does not exist. */
export class ProtocolError extends ChatStreamError {
  override name = 'ProtocolError';
  declare readonly kind: 'protocol';
  constructor(message: string, options?: ChatStreamErrorOptions) {
    super('protocol', message, options);
  }
}

/** A single line or event grew past `maxBufferSize` characters. */
export class BufferLimitError extends ChatStreamError {
  override name = 'BufferLimitError';
  declare readonly kind: 'buffer-limit';
  /** The `maxBufferSize` that was exceeded, in characters. */
  declare readonly limit: number;

  constructor(limit: number, options?: ChatStreamErrorOptions) {
    super('buffer-limit', `SSE buffer limit of ${limit} characters exceeded`, options);
    this.limit = limit;
  }
}

/** The caller stopped the stream. Not a failure: it is how a stop looks to code awaiting the result. */
export class AbortError extends ChatStreamError {
  override name = 'AbortError';
  declare readonly kind: 'abort';
  constructor(message = 'The stream was aborted', options?: ChatStreamErrorOptions) {
    super('abort', message, options);
  }
}

/**
 * True for any chatstream error (works across bundle copies, unlike `instanceof`); narrow it further
 * by `kind`.
 */
export function isChatStreamError(value: unknown): value is AnyChatStreamError {
  return value instanceof Error && 'kind' in value && 'partial' in value && typeof value.kind === 'string';
}

/** The message of `error`, or its text when it is not an `Error`. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `error`'s message with its cause's, where Node's fetch keeps the reason: "fetch failed (connect
 * ECONNREFUSED 127.0.0.1:8787)", "terminated (read ECONNRESET)".
 */
export function messageWithCause(error: unknown): string {
  const cause = (error as Error | undefined)?.cause as
    | (Error & { code?: unknown; errors?: unknown[] })
    | undefined;
  // Both of a host's addresses refused (Node's AggregateError): its message is empty, its code not.
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const reason = cause instanceof Error ? cause.message || code || messageOf(cause.errors?.[0] ?? '') : '';
  return `${messageOf(error)}${reason ? ` (${reason})` : ''}`;
}

/**
 * `error` as a chatstream error keeping `partial`: one already (given `partial` if it had none), an
 * `AbortError` for a DOM abort, else a `ConnectionError` (what fetch and body reads throw).
 */
export function toChatStreamError(error: unknown, partial?: MessageSnapshot): AnyChatStreamError {
  if (isChatStreamError(error)) {
    if (error.partial === undefined) Object.assign(error, { partial });
    return error;
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new AbortError(error.message, { partial, cause: error });
  }
  return new ConnectionError(messageOf(error), { partial, cause: error });
}
