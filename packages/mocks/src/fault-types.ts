/** An HTTP error response instead of a stream. */
export interface HttpErrorFault {
  kind: 'http-error';
  status: number;
  /** Anthropic `error.type`. */
  errorType: string;
  message: string;
  /** `retry-after` header, in seconds. */
  retryAfter?: number | undefined;
  /** `retry-after-ms` header (the SDK honours it first). */
  retryAfterMs?: number | undefined;
  /** `x-should-retry` header: the API's own say on retrying, which overrides the status's default. */
  shouldRetry?: boolean | undefined;
  /** A raw body instead of the Anthropic JSON body (a proxy's HTML 413, say). */
  body?: string | undefined;
  contentType?: string | undefined;
}

/** The first `times` requests get `fault`; later ones get the scenario. */
export interface FailFirstFault {
  kind: 'fail-first';
  times: number;
  fault: HttpErrorFault;
}

/** The connection drops after `afterBytes` body bytes. */
export interface DropConnectionFault {
  kind: 'drop-connection';
  afterBytes: number;
}

/** Silence (no bytes, no pings) for `ms` after `afterEvents` events. */
export interface StallFault {
  kind: 'stall';
  ms: number;
  afterEvents: number;
}

/** The final `message_stop` is never sent; the stream just closes. */
export interface EndWithoutMessageStopFault {
  kind: 'end-without-message-stop';
}

/** An event whose JSON is cut off, inserted after `afterEvents` events. */
export interface MalformedEventFault {
  kind: 'malformed-event';
  afterEvents: number;
}

/** A 200 with the wrong content type (an HTML error page from a proxy, say). */
export interface WrongContentTypeFault {
  kind: 'wrong-content-type';
  contentType: string;
  body: string;
}

/** One `ping` event padded to `bytes` bytes, inserted after `afterEvents` events (for buffer limits). */
export interface OversizedEventFault {
  kind: 'oversized-event';
  bytes: number;
  afterEvents: number;
}

/** Something that goes wrong while serving a scenario. */
export type Fault =
  | HttpErrorFault
  | FailFirstFault
  | DropConnectionFault
  | StallFault
  | EndWithoutMessageStopFault
  | MalformedEventFault
  | WrongContentTypeFault
  | OversizedEventFault;
