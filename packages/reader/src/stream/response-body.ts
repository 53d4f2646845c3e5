import { IncompleteStreamError, ProtocolError } from '../errors.ts';
import { checkResponse } from '../fetch/check-response.ts';
import type { ErrorBodyOptions } from '../fetch/read-error-body.ts';

/** What a stream reads: a fetch `Response` (status and content type are checked) or a raw body. */
export type StreamSource = Response | ReadableStream<Uint8Array>;

const NO_STREAM =
  "No body to stream (React Native's fetch has none): pass a fetch that streams, such as expo/fetch's";

/**
 * The body to read from `source`: a raw stream as is; a `Response` after `checkResponse`
 * (handed to `onResponse` first, so callers can keep its headers; `wait` bounds reading an error body).
 */
export async function bodyOf(
  source: StreamSource,
  onResponse: (response: Response) => void,
  wait?: ErrorBodyOptions,
): Promise<ReadableStream<Uint8Array>> {
  checkSource(source, false);
  if (!isResponse(source)) return source;
  onResponse(source);
  await checkResponse(source, wait);
  if (!source.body) {
    // React Native's own fetch has no `body`: only `text()`, once the whole answer has come.
    if (source.body === undefined) throw new ProtocolError(NO_STREAM);
    throw new IncompleteStreamError('The response has no body');
  }
  return source.body;
}

/**
 * Throws a `TypeError` unless `source` is something to read: a `Response`, a `ReadableStream`, an
 * async iterable of bytes or, when `pending` is allowed, a promise (checked again once it settles);
 * and when its body is already read or locked to a reader.
 */
export function checkSource(source: unknown, pending: boolean): void {
  const readable =
    typeof source === 'object' &&
    source !== null &&
    ((pending && typeof (source as Partial<Promise<unknown>>).then === 'function') ||
      isResponse(source as StreamSource) ||
      typeof (source as Partial<ReadableStream>).getReader === 'function' ||
      Symbol.asyncIterator in source);
  if (!readable) {
    throw new TypeError(
      `Expected a Response, a ReadableStream of bytes${pending ? ' or a promise of one' : ''}, got ${
        source === null ? 'null' : typeof source
      }`,
    );
  }
  // Caught here rather than as a failed read later, which would look like a network failure.
  const taken = isResponse(source as StreamSource)
    ? (source as Response).bodyUsed
    : (source as Partial<ReadableStream>).locked === true;
  if (taken) {
    throw new TypeError('The body is already read or being read');
  }
}

// Duck-typed as well, since a Response from another realm or polyfill fails `instanceof`.
function isResponse(source: StreamSource): source is Response {
  return (
    source instanceof Response ||
    (typeof (source as Partial<Response>).headers === 'object' && 'status' in source)
  );
}
