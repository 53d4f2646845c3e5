/**
 * Anthropic's error types for the names Amazon Bedrock (exceptions, in PascalCase over HTTP and
 * camelCase in a stream) and Google Cloud (status names) give their errors, keyed in lower case.
 */
const ANTHROPIC_TYPE_BY_PLATFORM_NAME: Readonly<Record<string, string>> = {
  throttlingexception: 'rate_limit_error',
  servicequotaexceededexception: 'rate_limit_error',
  serviceunavailableexception: 'overloaded_error',
  modelnotreadyexception: 'overloaded_error',
  internalserverexception: 'api_error',
  modelstreamerrorexception: 'api_error',
  modelerrorexception: 'api_error',
  modeltimeoutexception: 'timeout_error',
  validationexception: 'invalid_request_error',
  accessdeniedexception: 'permission_error',
  resourcenotfoundexception: 'not_found_error',
  unrecognizedclientexception: 'authentication_error',
  missingauthenticationtokenexception: 'authentication_error',
  expiredtokenexception: 'authentication_error',
  invalidsignatureexception: 'authentication_error',
  resource_exhausted: 'rate_limit_error',
  unavailable: 'overloaded_error',
  deadline_exceeded: 'timeout_error',
  invalid_argument: 'invalid_request_error',
  failed_precondition: 'invalid_request_error',
  unauthenticated: 'authentication_error',
  permission_denied: 'permission_error',
  not_found: 'not_found_error',
  internal: 'api_error',
};

/**
 * Anthropic's `error.type` for an error a cloud platform named its own way, so a browser reads
 * (and titles, and retries) a Bedrock throttle as `rate_limit_error` like the API's own. Any other
 * name, Anthropic's included, comes back unchanged. An AWS `x-amzn-errortype` value may carry a
 * `:namespace` suffix.
 *
 * @example
 * anthropicErrorType('throttlingException'); // 'rate_limit_error'
 * anthropicErrorType('ServiceUnavailableException:http://internal.amazon.com/…'); // 'overloaded_error'
 * anthropicErrorType('overloaded_error'); // 'overloaded_error'
 */
export function anthropicErrorType(name: string): string {
  const bare = name.split(':', 1)[0]!.trim().toLowerCase();
  return ANTHROPIC_TYPE_BY_PLATFORM_NAME[bare] ?? name;
}

/** What a platform's error body and headers say, where they are not in Anthropic's shape. */
export interface PlatformError {
  /** Anthropic's type for the platform's name of the error, when it named one. */
  type?: string | undefined;
  /** The platform's message, when its body had one. */
  message?: string | undefined;
}

/**
 * Reads an error body that is not Anthropic's: Bedrock's `{"message": …}` (its exception named by
 * the `x-amzn-errortype` header) or Google Cloud's `{"error": {"message", "status"}}`, alone or as
 * the one item of a list.
 *
 * @example
 * readPlatformError({ message: 'Too many requests' }, headers); // { type: 'rate_limit_error', message: 'Too many requests' }
 */
export function readPlatformError(body: unknown, headers: Headers | undefined): PlatformError {
  const awsName = headers?.get('x-amzn-errortype') ?? undefined;
  const item = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
  const fields = isObject(item) ? item : {};
  const google = isObject(fields['error']) ? fields['error'] : undefined;
  const message = textOf(google?.['message']) ?? textOf(fields['message']) ?? textOf(fields['Message']);
  const name = awsName ?? textOf(google?.['status']);
  return {
    type: name === undefined ? undefined : knownType(name),
    message,
  };
}

function knownType(name: string): string | undefined {
  const type = anthropicErrorType(name);
  return type === name ? undefined : type;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
