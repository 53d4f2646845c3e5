import { retryCanHelp } from '@chatstream/reader';
import { english, type LabelKey, type Translate } from './labels.tsx';
import { ownEntry } from './own-entry.ts';

/** A failure in words: a short title and a sentence of detail. */
export interface ErrorDescription {
  title: string;
  detail: string;
}

/** What helps with a request refused for what it holds (see {@link retryCanHelp}). */
export const CHANGE_THE_CONVERSATION: LabelKey = 'Start a new conversation or remove earlier messages.';

/** How the API says a conversation outgrew the model's context window (a 400). */
const PROMPT_TOO_LONG = /prompt is too long/i;

/** Anthropic `error.type` values in words. */
const API_ERRORS: Record<string, LabelKey> = {
  overloaded_error: 'Claude is overloaded right now',
  rate_limit_error: 'Too many requests: the rate limit was reached',
  api_error: 'The API had an internal error',
  authentication_error: 'The server could not authenticate with the API',
  permission_error: 'The API key is not allowed to do this',
  not_found_error: 'The API could not find what was asked for',
  request_too_large: 'The conversation is too large to send',
  invalid_request_error: 'The API rejected the request',
  billing_error: 'The API account has a billing problem',
  timeout_error: 'The API timed out',
};

/** What failed, by the reader's error `kind` (the words for `http` come from the status instead). */
const KINDS: Record<string, LabelKey> = {
  connection: 'The connection was lost',
  incomplete: 'The response ended before it was complete',
  timeout: 'The response took too long',
  protocol: 'The response could not be read',
  'buffer-limit': 'The response contained an event that was too large',
  'stream-event': 'The response was interrupted',
  session: 'The conversation could not continue',
};

/**
 * Says what failed from a typed chatstream error (`kind`, HTTP `status`, Anthropic `errorType`,
 * timeout `phase`, how long `retry-after` asked to wait), falling back to the error's message for
 * anything else. In the words of `t` (default English), e.g. `useLabels()`.
 *
 * @example
 * describeError(error); // { title: 'Claude is overloaded right now', detail: 'Overloaded (overloaded_error)' }
 */
export function describeError(error: unknown, t: Translate = english): ErrorDescription {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message =
    typeof fields['message'] === 'string' && fields['message'] ? fields['message'] : String(error);
  const errorType = typeof fields['errorType'] === 'string' ? fields['errorType'] : undefined;
  const status = typeof fields['status'] === 'number' ? fields['status'] : undefined;
  const kind = typeof fields['kind'] === 'string' ? fields['kind'] : undefined;
  // A valid request with too much in it: the one 400 a person can fix, by keeping less.
  const tooLong = errorType === 'invalid_request_error' && PROMPT_TOO_LONG.test(message);
  // The step limit is no failure to a person: Claude can go on (Continue).
  const paused = kind === 'session' && fields['code'] === 'max-steps';
  const title = tooLong
    ? 'The conversation is too long for the model'
    : paused
      ? 'Claude stopped after many steps in a row'
      : ((errorType && ownEntry(API_ERRORS, errorType)) ??
        (status === undefined ? undefined : httpTitle(status)) ??
        // Failed before any of the answer came: the server was never reached (offline, refused,
        // or a cross-origin response without CORS headers, which the browser reports the same way).
        (kind === 'connection' && !fields['partial'] ? 'Could not reach the server' : undefined) ??
        (kind && ownEntry(KINDS, kind)) ??
        'Something went wrong');
  const facts = errorType ? [errorType] : [];
  let said = message;
  if (status !== undefined) {
    facts.push(`HTTP ${status}`);
    // The reader's HTTP messages begin with "HTTP 429: ": said once, among the facts.
    said = message.replace(/^HTTP (\S+?)(?![^:\s]):?\s*/, (start, code: string) =>
      code === `${status}` ? '' : start,
    );
  }
  // The option's name is for developers: a person reads how far Claude went.
  if (paused) said = said.replace(/\s*\(maxSteps\)$/, '');
  const joined = facts.join(', ');
  const detail = !joined ? said : said ? `${said} (${joined})` : joined;
  const wait = waitOf(fields['retryAfterMs'] as number, t);
  // Refused for what it holds: asking again cannot help, changing the conversation can.
  const advice = !retryCanHelp(error)
    ? `. ${t(CHANGE_THE_CONVERSATION)}`
    : wait
      ? `. ${t('The API asked to wait {0} before trying again.', wait)}`
      : '';
  return { title: t(title as LabelKey), detail: detail + advice };
}

/** A `retry-after` worth telling a person about, in words ("40 s", "3 min"); nothing under a second. */
function waitOf(ms: number, t: Translate): string | undefined {
  // Whatever the error carries: `isFinite` is false for anything but a finite number.
  if (!Number.isFinite(ms) || ms < 1000) return undefined;
  return ms < 120_000 ? t('{0} s', Math.ceil(ms / 1000)) : t('{0} min', Math.round(ms / 60_000));
}

function httpTitle(status: number): LabelKey {
  if (status === 429) return API_ERRORS['rate_limit_error']!;
  if (status === 401 || status === 403) return 'The server refused the request';
  if (status === 404) return 'The chat endpoint was not found';
  if (status === 413) return API_ERRORS['request_too_large']!;
  if (status >= 500) return 'The server had a problem';
  return status >= 400 ? 'The server rejected the request' : 'The server did not answer with a stream';
}
