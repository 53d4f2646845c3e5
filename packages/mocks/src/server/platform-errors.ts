import type { ResponsePlan } from '../plan-response.ts';
import { createRandom, hashSeed, type Random } from '../prng.ts';
import type { ErrorAnswer } from './route.ts';

/** The platforms whose wire formats the fake server speaks besides the Messages API's own. */
export type Platform = 'bedrock' | 'vertex';

/** Bedrock's status and exception for each Anthropic error type it has one for. */
const BEDROCK_EXCEPTIONS: Readonly<Record<string, readonly [number, string]>> = {
  invalid_request_error: [400, 'ValidationException'],
  authentication_error: [403, 'AccessDeniedException'],
  permission_error: [403, 'AccessDeniedException'],
  not_found_error: [404, 'ResourceNotFoundException'],
  rate_limit_error: [429, 'ThrottlingException'],
  api_error: [500, 'InternalServerException'],
  overloaded_error: [503, 'ServiceUnavailableException'],
  timeout_error: [408, 'ModelTimeoutException'],
};

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

/** The `x-amzn-errortype` of a Bedrock exception: its name and Bedrock's namespace. */
export function bedrockErrorType(name: string): string {
  return `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`;
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

/**
 * Re-shapes a plan of the Messages API for a platform. An Anthropic error body becomes Bedrock's
 * exception (by error type) or Google's error (by status; a 529 keeps Anthropic's body, which Vertex
 * AI passes through), keeping the retry headers the fault set. Bedrock's answers carry
 * `x-amzn-requestid` instead of `request-id`. Other bodies (a message, a proxy's page) are kept.
 */
export function toPlatformPlan(plan: ResponsePlan, platform: Platform): ResponsePlan {
  const { 'request-id': requestId = '', ...headers } = plan.headers;
  const amazonId = amazonRequestId(createRandom(hashSeed(requestId)));
  const error = plan.status >= 400 ? anthropicErrorOf(plan) : undefined;
  if (!error || (platform === 'vertex' && plan.status === 529)) {
    if (platform === 'vertex') return plan;
    return { ...plan, headers: { ...headers, 'x-amzn-requestid': amazonId } };
  }
  let answer: ErrorAnswer;
  if (platform === 'bedrock') {
    const { status, name } = bedrockException(error.type, plan.status);
    answer = bedrockError(status, bedrockErrorType(name), error.message, amazonId);
  } else {
    answer = googleError(plan.status, error.message);
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
