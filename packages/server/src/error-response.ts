/** The JSON body of an Anthropic API error: `{"type":"error","error":{"type":…,"message":…}}`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string; [key: string]: unknown };
  request_id?: string;
  [key: string]: unknown;
}

/**
 * An Anthropic-style error body.
 *
 * @example
 * errorBody('invalid_request_error', 'messages: Field required');
 * // { type: 'error', error: { type: 'invalid_request_error', message: 'messages: Field required' } }
 */
export function errorBody(type: string, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type, message } };
}

/**
 * A JSON error `Response` shaped like the Anthropic API's, with `extraHeaders` added
 * (`request-id`, `retry-after`, `allow`, …).
 *
 * @example
 * return errorResponse(400, 'invalid_request_error', 'Body must be JSON');
 */
export function errorResponse(
  status: number,
  type: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): Response {
  return jsonErrorResponse(status, errorBody(type, message), extraHeaders);
}

/** A JSON `Response` carrying an Anthropic error body as is. */
export function jsonErrorResponse(
  status: number,
  body: AnthropicErrorBody,
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...extraHeaders },
  });
}
