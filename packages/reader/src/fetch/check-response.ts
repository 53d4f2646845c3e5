import { type AnyChatStreamError, HTTPError } from '../errors.ts';
import { type ErrorBodyOptions, readErrorBody } from './read-error-body.ts';
import { createSSEParser } from '../sse/sse-parser.ts';

/**
 * Resolves when `response` is a 2xx `text/event-stream`; otherwise reads its body and rejects
 * with an {@link HTTPError} carrying the status, Anthropic `error.type` and message when the body
 * is an Anthropic error, the `request-id`, the `retry-after` delay and the body text (see
 * {@link readErrorBody} for how much of it, and how long it waits: `options.waitMs` at most between
 * chunks, not past an abort of `options.signal`).
 */
export async function checkResponse(response: Response, options?: ErrorBodyOptions): Promise<void> {
  const contentType = response.headers.get('content-type') ?? '';
  const isEventStream = mimeEssence(contentType) === 'text/event-stream';
  if (response.ok && isEventStream) return;
  throw await toHTTPError(response, contentType, options);
}

async function toHTTPError(
  response: Response,
  contentType: string,
  options: ErrorBodyOptions | undefined,
): Promise<HTTPError> {
  const { headers, status, statusText } = response;
  const body = await readErrorBody(response, options);
  const parsed = parseErrorBody(body);
  // A whole Message as JSON: the request did not ask for a stream. Its events as lines of JSON: the
  // SDK's toReadableStream() format, which a server passed on as it is.
  // The type before any nested object: only the first chunk of a 2xx body is read.
  const type = response.ok
    ? /^\s*\{[^{}[\]]*?"type"\s*:\s*"(message(?:_start)?)"/.exec(body ?? '')?.[1]
    : undefined;
  const hint =
    type === 'message'
      ? ' (send "stream": true)'
      : type === 'message_start'
        ? " (the SDK's toReadableStream() lines: serve an event stream)"
        : '';
  // Only a request with an API key on it stops at a redirect (in a browser, one it cannot see into):
  // fetch follows every other redirect that names where it leads.
  const redirect =
    response.type === 'opaqueredirect' || (status > 299 && status < 400 && headers.has('location'))
      ? ` to ${headers.get('location') ?? 'another URL'}, not followed with an API key (x-api-key) on it`
      : '';
  const reason = response.ok
    ? `Expected text/event-stream but got ${contentType || 'no content type'}${hint}`
    : // Node's HTTP proxies (Vite's) fill a missing reason phrase with "unknown", Bun one it has
      // no words for (Anthropic's 529) with "HM": no reason at all.
      `HTTP ${status}${statusText && !/^(unknown|HM)$/i.test(statusText) ? ` ${statusText}` : ''}${redirect}`;
  const shouldRetry = headers.get('x-should-retry');
  // A short plain-text refusal (`new Response('Sign in first', { status: 401 })`) says why.
  const plain = body?.replace(/\s+/gu, ' ').trim();
  const said =
    parsed.message ??
    (!response.ok && mimeEssence(contentType) === 'text/plain' && plain && plain.length <= 200
      ? plain
      : undefined);
  return new HTTPError(said ? `${reason}: ${said}` : reason, {
    status,
    errorType: parsed.type,
    requestId: requestIdOf(response) ?? parsed.requestId,
    retryAfterMs: retryAfterMs(headers),
    body,
    contentType: contentType || undefined,
    shouldRetry: shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined,
  });
}

const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** The MIME type without parameters, lower-cased (`Text/Event-Stream; charset=utf-8` → `text/event-stream`). */
export function mimeEssence(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase();
}

/**
 * The string fields of an error body: Anthropic's (`{ error: { type, message }, request_id }`, also
 * as an event stream's `error` event), or
 * FastAPI/Starlette's `{ detail: "text" }` and Pydantic's `{ detail: [{ loc, msg }] }` (the first
 * problem, its `loc` joined with "."), which name no error type. None for other bodies.
 */
function parseErrorBody(body: string | undefined): {
  type?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
} {
  try {
    const json = errorJSON(body!) as {
      error?: { type?: unknown; message?: unknown };
      detail?: unknown;
      request_id?: unknown;
    } | null;
    const detail = json?.detail;
    const { loc, msg } = (Array.isArray(detail) ? detail[0] : { msg: detail }) ?? {};
    return {
      type: stringOrUndefined(json?.error?.type),
      message:
        stringOrUndefined(json?.error?.message) ??
        (stringOrUndefined(msg) && (Array.isArray(loc) ? `${loc.join('.')}: ${msg}` : msg)),
      requestId: stringOrUndefined(json?.request_id),
    };
  } catch {
    // Absent or not JSON (e.g. a proxy's HTML 413 page): the raw body is kept on the error.
    return {};
  }
}

/**
 * An error body's JSON: the body itself, or the data of its `error` event when it is an event stream
 * (a gateway may answer an error status with Anthropic's `error` event). Throws for neither.
 */
function errorJSON(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    let data: string | undefined;
    // The stream's own rules: its `error` event may follow a ping, its data span several lines.
    const parser = createSSEParser({
      onEvent: (event) => {
        if (event.event === 'error') data ??= event.data;
      },
    });
    parser.feed(`${body}\n\n`);
    if (data === undefined) throw error;
    return JSON.parse(data);
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The delay a response asks for: `retry-after-ms` (milliseconds, Anthropic's), else
 * `retry-after` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  // Only a real HTTP-date: Date.parse alone reads junk such as "-5" as a date and means "retry now".
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The API's `request-id` of a response, or, from a gateway in front of it that renames it
 * (LiteLLM, Kong), its `x-request-id`.
 */
export function requestIdOf(response: Response | undefined): string | undefined {
  return response?.headers.get('request-id') ?? response?.headers.get('x-request-id') ?? undefined;
}

/**
 * `error`, naming the request `response` answered when it names none yet: a failure after the
 * headers (a dropped connection, a timeout, a stream cut short) is one to quote to the provider.
 */
export function withRequestId<Failure extends AnyChatStreamError>(
  error: Failure,
  response: Response | undefined,
): Failure {
  const requestId = requestIdOf(response);
  if (requestId !== undefined && error.requestId === undefined) Object.assign(error, { requestId });
  return error;
}
