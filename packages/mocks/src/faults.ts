import { checkInteger, checkMilliseconds } from './check-arguments.ts';
import { HTTP_ERROR_TYPES } from './error-bodies.ts';
import type {
  DropConnectionFault,
  EndWithoutMessageStopFault,
  FailFirstFault,
  HttpErrorFault,
  MalformedEventFault,
  OversizedEventFault,
  StallFault,
  WrongContentTypeFault,
} from './fault-types.ts';

/**
 * An HTTP error instead of a stream, with the Anthropic JSON body and a `request-id` header. The
 * error type and message default to the API's for that status; 429 gets `retry-after: 1` unless
 * told otherwise.
 *
 * @example
 * httpError(429, { retryAfter: 2 });
 * httpError(413, { body: '<html>Request Entity Too Large</html>', contentType: 'text/html' });
 */
export function httpError(
  status: number,
  options: {
    [Key in Exclude<keyof HttpErrorFault, 'kind' | 'status'>]?: HttpErrorFault[Key] | undefined;
  } = {},
): HttpErrorFault {
  checkInteger('httpError status', status, 400, 599);
  const known = HTTP_ERROR_TYPES[status] ?? { type: 'api_error', message: 'Internal server error' };
  const fault: HttpErrorFault = {
    kind: 'http-error',
    status,
    errorType: known.type,
    message: known.message,
    ...(status === 429 ? { retryAfter: 1 } : {}),
  };
  // An option set to `undefined` keeps the default, as one left out does.
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(fault, { [key]: value });
  }
  return fault;
}

/**
 * The first `times` requests fail with `fault` (default 529 overloaded), later ones stream: exercises
 * retries. The count is kept per scenario by the MSW handlers and the fake server.
 */
export function failFirst(times: number, fault: HttpErrorFault = httpError(529)): FailFirstFault {
  checkInteger('failFirst times', times, 1);
  if (fault?.kind !== 'http-error') throw new TypeError('failFirst fails with an httpError(…) fault');
  return { kind: 'fail-first', times, fault };
}

/** The connection drops after `afterBytes` body bytes: the body stream errors, or the socket is destroyed. */
export function dropConnection(afterBytes: number): DropConnectionFault {
  checkInteger('dropConnection afterBytes', afterBytes);
  return { kind: 'drop-connection', afterBytes };
}

/** `ms` of silence (no bytes, no pings) after `afterEvents` events: for idle timeouts. */
export function stall(ms: number, afterEvents = 1): StallFault {
  checkMilliseconds('stall ms', ms);
  checkInteger('stall afterEvents', afterEvents);
  return { kind: 'stall', ms, afterEvents };
}

/** The stream closes cleanly but never sends `message_stop`. */
export function endWithoutMessageStop(): EndWithoutMessageStopFault {
  return { kind: 'end-without-message-stop' };
}

/** A `content_block_delta` whose JSON is cut off, after `afterEvents` events. */
export function malformedEvent(afterEvents = 3): MalformedEventFault {
  checkInteger('malformedEvent afterEvents', afterEvents);
  return { kind: 'malformed-event', afterEvents };
}

/** A 200 that is not `text/event-stream` (by default an HTML page, as a misconfigured proxy sends). */
export function wrongContentType(
  contentType = 'text/html; charset=utf-8',
  body = '<!doctype html><html><body><h1>It works!</h1></body></html>',
): WrongContentTypeFault {
  return { kind: 'wrong-content-type', contentType, body };
}

/** One `ping` event padded to about `bytes` bytes, after `afterEvents` events: for buffer limits. */
export function oversizedEvent(bytes: number, afterEvents = 1): OversizedEventFault {
  checkInteger('oversizedEvent bytes', bytes, 1);
  checkInteger('oversizedEvent afterEvents', afterEvents);
  return { kind: 'oversized-event', bytes, afterEvents };
}
