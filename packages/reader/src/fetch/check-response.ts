import { HTTPError } from '../errors.ts';

/**
 * Resolves when `response` is a 2xx `text/event-stream`; otherwise reads its body and rejects
 * with an {@link HTTPError} carrying the status, Anthropic `error.type` and message when the body
 * is an Anthropic error, the `request-id`, the `retry-after` delay and the whole body text.
 */
export async function checkResponse(response: Response): Promise<void> {
  const contentType = response.headers.get('content-type') ?? '';
  const isEventStream = mimeEssence(contentType) === 'text/event-stream';
  if (response.ok && isEventStream) return;
  throw await toHTTPError(response, contentType);
}

async function toHTTPError(response: Response, contentType: string): Promise<HTTPError> {
  const body = await response.text().catch(() => undefined);
  const parsed = parseErrorBody(body);
  const requestId = response.headers.get('request-id') ?? parsed.requestId;
  const reason = response.ok
    ? `Expected text/event-stream but got ${contentType || 'no content type'}`
    : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const message = parsed.message ? `${reason}: ${parsed.message}` : reason;
  return new HTTPError(message, {
    status: response.status,
    errorType: parsed.errorType,
    requestId: requestId ?? undefined,
    retryAfterMs: retryAfterMs(response.headers),
    body,
    contentType: contentType || undefined,
    shouldRetry: shouldRetry(response.headers.get('x-should-retry')),
  });
}

const HTTP_DATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function shouldRetry(header: string | null): boolean | undefined {
  if (header === 'true') return true;
  if (header === 'false') return false;
  return undefined;
}

/** The MIME type without parameters, lower-cased (`Text/Event-Stream; charset=utf-8` → `text/event-stream`). */
export function mimeEssence(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

interface ParsedErrorBody {
  errorType?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
}

function parseErrorBody(body: string | undefined): ParsedErrorBody {
  if (!body) return {};
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null) return {};
    const { error, request_id: requestId } = json as { error?: unknown; request_id?: unknown };
    const details = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
    return {
      errorType: typeof details['type'] === 'string' ? details['type'] : undefined,
      message: typeof details['message'] === 'string' ? details['message'] : undefined,
      requestId: typeof requestId === 'string' ? requestId : undefined,
    };
  } catch {
    // Not JSON (e.g. a proxy's HTML 413 page): the raw body is kept on the error.
    return {};
  }
}

/**
 * The delay a response asks for: `retry-after-ms` (milliseconds, Anthropic's), else
 * `retry-after` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  // Only a real HTTP-date: Date.parse alone reads junk such as "-5" as a date and means "retry now".
  if (!HTTP_DATE.test(value.trim())) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
