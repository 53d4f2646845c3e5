import { HTTP_ERROR_TYPES } from '../error-bodies.ts';
import type { ResponsePlan } from '../plan-response.ts';
import { createRandom, hashSeed, type Random } from '../prng.ts';
import type { ErrorAnswer } from './route.ts';

/** The platforms whose wire formats the fake server speaks besides the Messages API's own. */
export type Platform = 'bedrock' | 'vertex';

/** Bedrock's status and exception for each Anthropic error type it has one for. */
const BEDROCK_EXCEPTIONS: Readonly<Record<string, readonly [number, string]>> = {
  invalid_request_error: [400, 'ValidationException'],
  authentication_error: [403, 'UnrecognizedClientException'],
  permission_error: [403, 'AccessDeniedException'],
  not_found_error: [404, 'ResourceNotFoundException'],
  rate_limit_error: [429, 'ThrottlingException'],
  api_error: [500, 'InternalServerException'],
  overloaded_error: [503, 'ServiceUnavailableException'],
  timeout_error: [408, 'ModelTimeoutException'],
};

/** What AWS answers a credential it does not know (an access key id, a Bedrock API key). */
export const BEDROCK_INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * What Bedrock says where Anthropic's wording would give the API away: a bad credential (AWS's auth
 * layer answers it) and no access to the model.
 */
const BEDROCK_MESSAGES: Readonly<Record<string, string>> = {
  authentication_error: BEDROCK_INVALID_TOKEN,
  permission_error: "You don't have access to the model with the specified model ID.",
};

/** Exceptions of AWS's auth layer, named in its namespace rather than Bedrock's. */
const AWS_AUTH_EXCEPTIONS = new Set(['UnrecognizedClientException']);

const CREDENTIAL_HELP =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** Vertex AI's 401 for a token it does not take. */
export const VERTEX_INVALID_CREDENTIALS: string = `Request had invalid authentication credentials. ${CREDENTIAL_HELP}`;

/** Vertex AI's 401 for a request without a token. */
export const VERTEX_MISSING_CREDENTIALS: string = `Request is missing required authentication credential. ${CREDENTIAL_HELP}`;

/** Google's canonical status name for each HTTP status it uses. */
const GOOGLE_STATUSES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The headers a fault sets for the client's retries, kept whatever the error's shape. */
const RETRY_HEADERS = ['retry-after', 'retry-after-ms', 'x-should-retry'] as const;

const encoder = new TextEncoder();

/**
 * The status and exception name Bedrock answers for an Anthropic error type; a type it has none for
 * keeps `status` and is named by it (5xx `InternalServerException`, else `ValidationException`).
 *
 * @example
 * bedrockException('overloaded_error', 529); // { status: 503, name: 'ServiceUnavailableException' }
 */
export function bedrockException(errorType: string, status: number): { status: number; name: string } {
  const known = BEDROCK_EXCEPTIONS[errorType];
  if (known) return { status: known[0], name: known[1] };
  return { status, name: status >= 500 ? 'InternalServerException' : 'ValidationException' };
}

/**
 * The `:exception-type` of the event-stream frame that carries an in-stream error of this Anthropic
 * type: the exception's name in camelCase (`overloaded_error` → `serviceUnavailableException`).
 */
export function bedrockStreamExceptionType(errorType: string): string {
  const { name } = bedrockException(errorType, 500);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A UUID-shaped id, as Bedrock's `x-amzn-requestid`, drawn from `random`. */
export function amazonRequestId(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A Bedrock error: `{"message": …}` with the exception named in `x-amzn-errortype`. `errorType` is
 * the header's whole value when it has no namespace of Bedrock's (`MissingAuthenticationTokenException`).
 */
export function bedrockError(
  status: number,
  errorType: string,
  message: string,
  requestId: string,
): ErrorAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': errorType,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message }),
  };
}

/**
 * The `x-amzn-errortype` of a Bedrock exception: its name and Bedrock's namespace (AWS's auth
 * layer's for `UnrecognizedClientException`).
 */
export function bedrockErrorType(name: string): string {
  const namespace = AWS_AUTH_EXCEPTIONS.has(name) ? 'com.amazon.coral.service' : 'com.amazon.bedrock';
  return `${name}:http://internal.amazon.com/coral/${namespace}/`;
}

/**
 * A Google API error, as Vertex AI answers: `{"error":{"code","message","status"}}` with the status
 * named (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, …; another 5xx is `INTERNAL`, another 4xx
 * `FAILED_PRECONDITION`).
 */
export function googleError(status: number, message: string): ErrorAnswer {
  const name = GOOGLE_STATUSES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({ error: { code: status, message, status: name } }),
  };
}

/** Vertex AI's 401 `UNAUTHENTICATED`, with the `www-authenticate` challenge Google sends with it. */
export function googleUnauthenticated(message: string): ErrorAnswer {
  const answer = googleError(401, message);
  answer.headers['www-authenticate'] = 'Bearer realm="https://accounts.google.com/"';
  return answer;
}

/**
 * Re-shapes a plan of the Messages API for a platform. An Anthropic error body becomes Bedrock's
 * exception (by error type) or Google's error (by status; a 529 keeps Anthropic's body, which Vertex
 * AI passes through), keeping the retry headers the fault set. An `authentication_error` or
 * `permission_error` with Anthropic's wording reads as the platform's own (a message the fault set
 * stays); `resource` is the Vertex AI model the request named, for its permission error. Bedrock's
 * answers carry `x-amzn-requestid` instead of `request-id`. Other bodies (a message, a proxy's
 * page) are kept.
 */
export function toPlatformPlan(plan: ResponsePlan, platform: Platform, resource?: string): ResponsePlan {
  const { 'request-id': requestId = '', ...headers } = plan.headers;
  const amazonId = amazonRequestId(createRandom(hashSeed(requestId)));
  const error = plan.status >= 400 ? anthropicErrorOf(plan) : undefined;
  if (!error || (platform === 'vertex' && plan.status === 529)) {
    if (platform === 'vertex') return plan;
    return { ...plan, headers: { ...headers, 'x-amzn-requestid': amazonId } };
  }
  const own = platformMessage(error, platform, resource);
  let answer: ErrorAnswer;
  if (platform === 'bedrock') {
    const { status, name } = bedrockException(error.type, plan.status);
    answer = bedrockError(status, bedrockErrorType(name), own ?? error.message, amazonId);
  } else if (own !== undefined && error.type === 'authentication_error') {
    answer = googleUnauthenticated(own);
  } else {
    answer = googleError(plan.status, own ?? error.message);
  }
  for (const name of RETRY_HEADERS) {
    const value = plan.headers[name];
    if (value !== undefined) answer.headers[name] = value;
  }
  const delay = plan.chunks.reduce((total, chunk) => total + chunk.delay, 0);
  return {
    status: answer.status,
    headers: answer.headers,
    chunks: [{ delay, bytes: encoder.encode(answer.body) }],
    end: plan.end,
  };
}

/**
 * The platform's words for an auth error that carries Anthropic's default ones (`invalid x-api-key`),
 * or undefined: other errors, and messages a fault set, keep theirs.
 */
function platformMessage(
  error: { type: string; message: string },
  platform: Platform,
  resource: string | undefined,
): string | undefined {
  const anthropic = Object.values(HTTP_ERROR_TYPES).find((known) => known.type === error.type);
  if (anthropic?.message !== error.message) return undefined;
  if (platform === 'bedrock') return BEDROCK_MESSAGES[error.type];
  if (error.type === 'authentication_error') return VERTEX_INVALID_CREDENTIALS;
  if (error.type !== 'permission_error') return undefined;
  return resource === undefined
    ? 'The caller does not have permission'
    : `Permission 'aiplatform.endpoints.predict' denied on resource '${resource}' (or it may not exist).`;
}

/** The `error` of an Anthropic error body, or undefined when the plan's body is something else. */
function anthropicErrorOf(plan: ResponsePlan): { type: string; message: string } | undefined {
  const decoder = new TextDecoder();
  const text =
    plan.chunks.map((chunk) => decoder.decode(chunk.bytes, { stream: true })).join('') + decoder.decode();
  try {
    const body = JSON.parse(text) as { type?: unknown; error?: { type?: unknown; message?: unknown } };
    const { type, message } = body.error ?? {};
    if (body.type === 'error' && typeof type === 'string' && typeof message === 'string') {
      return { type, message };
    }
  } catch {}
  return undefined;
}
