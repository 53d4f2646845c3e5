import { errorBody, type AnthropicErrorBody } from './error-response.ts';
import { anthropicErrorType, readPlatformError } from './platform-errors.ts';
import { redact, type Secrets } from './redact.ts';
import { UPSTREAM_IDLE_TIMEOUT } from './upstream-idle-timeout.ts';

/** What the relay tells the client about a failed upstream call. */
export interface UpstreamFailure {
  status: number;
  body: AnthropicErrorBody;
  /** `request-id`, `retry-after`, `retry-after-ms`, `x-should-retry` when upstream sent them. */
  headers: Record<string, string>;
}

/** The Anthropic `error.type` for an HTTP status, for error bodies that are not JSON. */
export const ERROR_TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** The reason phrase of a status, for an error body that is not JSON (a proxy's HTML page). */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  529: 'Overloaded',
};

// What the client's retry policy reads: the relay must not hide the API's advice on retrying.
const PASSED_HEADERS = ['retry-after', 'retry-after-ms', 'x-should-retry'];

/**
 * Describes an error the SDK threw (or a stream failure) in the API's terms, without stack traces
 * and with the key redacted: an HTTP error keeps its status and JSON body (one whose body was not
 * JSON, such as a proxy's HTML page, gets `Upstream error 502: Bad Gateway.`), except that the API
 * refusing the server's own key (401, 403) is a 500 that tells the client not to retry; a timeout is a 504
 * `timeout_error`; an unreachable API or a dropped connection a 502 `api_error`; a client that went
 * away a 499. Credentials the server has none of (or had refused) are a 500 `authentication_error`
 * that tells the client not to retry; credentials it could not fetch, a retryable 503. `upstream` names the API in those messages (`Amazon Bedrock` for its client).
 *
 * @example
 * catch (error) { const { status, body, headers } = describeUpstreamError(error, apiKey); }
 */
export function describeUpstreamError(
  error: unknown,
  secret: Secrets,
  upstream = 'the Anthropic API',
): UpstreamFailure {
  const fields = (error ?? {}) as {
    status?: unknown;
    error?: unknown;
    headers?: unknown;
    message?: unknown;
    name?: unknown;
  };
  const upstreamHeaders = fields.headers instanceof Headers ? fields.headers : undefined;
  const headers: Record<string, string> = {};
  const requestId = upstreamHeaders && upstreamRequestId(upstreamHeaders);
  if (requestId) headers['request-id'] = requestId;
  for (const name of PASSED_HEADERS) {
    const value = upstreamHeaders?.get(name);
    if (value != null) headers[name] = value;
  }
  const clean = (body: AnthropicErrorBody): AnthropicErrorBody =>
    JSON.parse(redact(JSON.stringify(body), secret)) as AnthropicErrorBody;

  if (typeof fields.status === 'number') {
    const failure = httpFailure(fields.status, fields.error, fields.message, upstreamHeaders);
    // The API refused the server's own key or credentials: the browser's user did nothing wrong, and
    // a 401 passed on would read as their sign-in ending (many apps send a 401 to a login page).
    return fields.status === 401 || fields.status === 403
      ? { status: 500, body: clean(failure), headers: { ...headers, 'x-should-retry': 'false' } }
      : { status: fields.status, body: clean(failure), headers };
  }
  if (isErrorBody(fields.error))
    return { status: 500, body: clean(withAnthropicType(fields.error)), headers };
  switch (fields.name) {
    case 'APIUserAbortError':
    case 'AbortError':
      return { status: 499, body: errorBody('api_error', 'The client closed the request.'), headers };
    case UPSTREAM_IDLE_TIMEOUT:
      return { status: 504, body: errorBody('timeout_error', String(fields.message)), headers };
    case 'APIConnectionTimeoutError':
    case 'TimeoutError':
      return {
        status: 504,
        body: errorBody('timeout_error', `${capitalized(upstream)} did not answer in time.`),
        headers,
      };
    case 'APIConnectionError':
      // Bedrock's and Vertex AI's SDKs report credentials they could not get as a connection error,
      // retryable, since getting them may go over the network (IMDS, STS, a token endpoint). Only a
      // cause that says they are missing or refused is the server's configuration, which no retry mends.
      if (typeof fields.message === 'string' && /credential/iu.test(fields.message)) {
        return isMissingCredentials(error)
          ? {
              status: 500,
              body: errorBody('authentication_error', `The server has no valid credentials for ${upstream}.`),
              headers: { ...headers, 'x-should-retry': 'false' },
            }
          : {
              status: 503,
              body: errorBody('api_error', `The server could not get credentials for ${upstream}.`),
              headers,
            };
      }
      return { status: 502, body: errorBody('api_error', `Could not reach ${upstream}.`), headers };
    default:
      return {
        status: 502,
        body: errorBody('api_error', `The connection to ${upstream} failed.`),
        headers,
      };
  }
}

/** The API's error body for an HTTP error the SDK threw: its own JSON, else one made from the status. */
function httpFailure(
  status: number,
  error: unknown,
  message: unknown,
  upstreamHeaders: Headers | undefined,
): AnthropicErrorBody {
  if (isErrorBody(error)) return withAnthropicType(error);
  const platform = readPlatformError(error, upstreamHeaders);
  const type =
    platform.type ?? ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  // No body the SDK could parse (a proxy's HTML page): its message would quote the page.
  return errorBody(
    type,
    platform.message ??
      (error === undefined || typeof message !== 'string'
        ? `Upstream error ${status}${STATUS_TEXT[status] ? `: ${STATUS_TEXT[status]}` : ''}.`
        : message),
  );
}

/**
 * The id of the upstream request, for the client's error reports: Anthropic's `request-id`, or
 * Amazon Bedrock's `x-amzn-requestid`.
 *
 * @example
 * const requestId = upstreamRequestId(response.headers);
 * if (requestId !== undefined) headers.set('request-id', requestId);
 */
export function upstreamRequestId(headers: Headers): string | undefined {
  // A gateway in front of the API may pass its own id instead (LiteLLM, Kong: `x-request-id`).
  return (
    headers.get('request-id') ?? headers.get('x-amzn-requestid') ?? headers.get('x-request-id') ?? undefined
  );
}

/** The body with Anthropic's name of its error type (a Bedrock stream names its own). */
function withAnthropicType(body: AnthropicErrorBody): AnthropicErrorBody {
  const type = anthropicErrorType(body.error.type);
  return type === body.error.type ? body : { ...body, error: { ...body.error, type } };
}

/**
 * True when a credential failure's cause says the credentials are missing or refused (no provider had
 * any, an expired or revoked token, no Application Default Credentials), not that fetching them failed.
 */
function isMissingCredentials(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause;
  const { name, message } = (cause ?? {}) as { name?: unknown; message?: unknown };
  return (
    name === 'CredentialsProviderError' ||
    (typeof message === 'string' &&
      /could not load (the default )?credentials|invalid_grant|expired|revoked|unauthorized_client/iu.test(
        message,
      ))
  );
}

/** `text` with its first letter in upper case: `the Anthropic API` at the start of a sentence. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True for `{"type":"error","error":{"type":…,"message":…}}`. */
export function isErrorBody(value: unknown): value is AnthropicErrorBody {
  if (value === null || typeof value !== 'object') return false;
  const { type, error } = value as { type?: unknown; error?: unknown };
  if (type !== 'error' || error === null || typeof error !== 'object') return false;
  const inner = error as { type?: unknown; message?: unknown };
  return typeof inner.type === 'string' && typeof inner.message === 'string';
}
