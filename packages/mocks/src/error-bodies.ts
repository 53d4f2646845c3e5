/** The Anthropic `error.type` and a typical message for each documented status. */
export const HTTP_ERROR_TYPES: Readonly<Record<number, { type: string; message: string }>> = {
  400: { type: 'invalid_request_error', message: 'messages: at least one message is required' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  // Not one the API lists: a proxy's, described as the API describes its own timeouts (504).
  408: { type: 'timeout_error', message: 'Request timed out' },
  409: { type: 'conflict_error', message: 'Conflict.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: {
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/**
 * The JSON body the API sends with an error status.
 *
 * @example
 * anthropicErrorBody('rate_limit_error', 'Slow down', 'req_011');
 * // { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' }, request_id: 'req_011' }
 */
export function anthropicErrorBody(
  errorType: string,
  message: string,
  requestId: string,
): { type: 'error'; error: { type: string; message: string }; request_id: string } {
  return { type: 'error', error: { type: errorType, message }, request_id: requestId };
}
