import { IncompleteStreamError } from '../errors.ts';
import { checkResponse } from '../fetch/check-response.ts';

/** What a stream reads: a fetch `Response` (status and content type are checked) or a raw body. */
export type StreamSource = Response | ReadableStream<Uint8Array>;

/**
 * The body to read from `source`: a raw stream as is; a `Response` after `checkResponse`
 * (handed to `onResponse` first, so callers can keep its headers).
 */
export async function bodyOf(
  source: StreamSource,
  onResponse: (response: Response) => void,
): Promise<ReadableStream<Uint8Array>> {
  if (!isResponse(source)) return source;
  onResponse(source);
  await checkResponse(source);
  if (!source.body) throw new IncompleteStreamError('The response has no body');
  return source.body;
}

// Duck-typed as well, since a Response from another realm or polyfill fails `instanceof`.
function isResponse(source: StreamSource): source is Response {
  return (
    source instanceof Response ||
    (typeof (source as Partial<Response>).headers === 'object' && 'status' in source)
  );
}
