import type { LabelKey } from '../labels.tsx';
import { ownEntry } from '../own-entry.ts';
import { isRecord } from './format-value.ts';

/** A server tool whose failures have their own words. */
export type ServerToolErrorSource = 'web_search' | 'web_fetch' | 'tool_search';

const TOO_MANY_REQUESTS: LabelKey = 'Too many requests were made. Try again in a moment.';

/** The `WebSearchToolResultErrorCode`s of the API. */
const WEB_SEARCH: Readonly<Record<string, LabelKey>> = {
  max_uses_exceeded: 'The search limit for this request was reached.',
  too_many_requests: TOO_MANY_REQUESTS,
  invalid_tool_input: 'The search query was not valid.',
  query_too_long: 'The search query is too long.',
  request_too_large: 'The search request was too large.',
  unavailable: 'Web search is unavailable right now.',
};

/** The `WebFetchToolResultErrorCode`s of the API. */
const WEB_FETCH: Readonly<Record<string, LabelKey>> = {
  url_not_accessible: 'The page could not be reached.',
  max_uses_exceeded: 'The fetch limit for this request was reached.',
  too_many_requests: TOO_MANY_REQUESTS,
  invalid_tool_input: 'The address to fetch was not valid.',
  url_too_long: 'The address is too long.',
  url_not_allowed: 'Fetching from this site is not allowed.',
  url_not_in_prior_context: 'Only addresses that already appeared in the conversation can be fetched.',
  unsupported_content_type: 'This kind of content cannot be fetched.',
  content_too_large: 'The page is too large to fetch.',
  unavailable: 'Web fetch is unavailable right now.',
};

/** The `ToolSearchToolResultErrorCode`s of the API. */
const TOOL_SEARCH: Readonly<Record<string, LabelKey>> = {
  too_many_requests: TOO_MANY_REQUESTS,
  invalid_tool_input: 'The tool search query was not valid.',
  execution_time_exceeded: 'The tool search took too long.',
  unavailable: 'Tool search is unavailable right now.',
};

const TABLES = { web_search: WEB_SEARCH, web_fetch: WEB_FETCH, tool_search: TOOL_SEARCH } as const;

const UNKNOWN: Readonly<Record<ServerToolErrorSource, LabelKey>> = {
  web_search: 'The search failed.',
  web_fetch: 'The page could not be fetched.',
  tool_search: 'The tool search failed.',
};

/**
 * The sentence (a label key) that says why a server tool failed, by the API's `error_code`; a
 * generic one for a code this version does not know (the API adds codes).
 *
 * @example
 * t(serverToolErrorKey('web_fetch', 'url_not_accessible')); // 'The page could not be reached.'
 */
export function serverToolErrorKey(tool: ServerToolErrorSource, code: string): LabelKey {
  return ownEntry(TABLES[tool], code) ?? UNKNOWN[tool];
}

/**
 * The `error_code` of a server tool result's `content` when it is an error object (`unknown_error`
 * when the code is missing or not a string), else `undefined` (a result).
 *
 * @example
 * serverToolErrorCode({ type: 'web_fetch_tool_result_error', error_code: 'unavailable' }); // 'unavailable'
 */
export function serverToolErrorCode(content: unknown): string | undefined {
  if (!isRecord(content)) return undefined;
  const isError =
    Object.hasOwn(content, 'error_code') ||
    (typeof content['type'] === 'string' && content['type'].endsWith('_tool_result_error'));
  if (!isError) return undefined;
  const code = content['error_code'];
  return typeof code === 'string' ? code : 'unknown_error';
}
