/**
 * Whether sending the same request again can succeed: not for one refused for what it holds (a
 * 400 `invalid_request_error` such as "prompt is too long" or an image over 5 MB, a 413 body over
 * the limit), which fails the same way every time until the conversation changes. A 400 about the
 * account (a credit balance too low) may pass once it is topped up.
 *
 * @example
 * if (error && retryCanHelp(error)) showRetryButton();
 */
export function retryCanHelp(error: unknown): boolean {
  const { status, errorType, message } = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  return !(
    status === 413 ||
    errorType === 'request_too_large' ||
    (errorType === 'invalid_request_error' && !/credit|billing|balance/i.test(String(message)))
  );
}
