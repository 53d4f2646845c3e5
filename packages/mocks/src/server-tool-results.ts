import type { ContentBlock } from '@chatstream/reader';
import { checkErrorCode, checkString } from './check-arguments.ts';
import { createId } from './ids.ts';
import type { Random } from './prng.ts';
import type { ScenarioStep, ToolUseStep } from './scenario-types.ts';

/** One web search hit, as `web_search_tool_result` carries it. */
export interface WebSearchHit {
  title: string;
  url: string;
  pageAge?: string | null | undefined;
  /** Defaults to a seeded opaque string. */
  encryptedContent?: string | undefined;
}

/** A page a `web_fetch` call fetched, as `web_fetch_tool_result` carries it. Give `text` or `pdf`. */
export interface WebFetchPage {
  url: string;
  title?: string | null | undefined;
  /** The page as text (a `text/plain` source), as the API sends an HTML page. */
  text?: string | undefined;
  /** A fetched PDF, base64 (an `application/pdf` source). */
  pdf?: string | undefined;
  /** ISO 8601; defaults to {@link DEFAULT_RETRIEVED_AT}. */
  retrievedAt?: string | null | undefined;
  /** Whether the answer may cite the page (`citations: { enabled }`, default true). */
  citations?: boolean | undefined;
}

/** The `error_code`s of a `web_search_tool_result_error`, as the official SDK lists them. */
export type WebSearchErrorCode =
  | 'invalid_tool_input'
  | 'unavailable'
  | 'max_uses_exceeded'
  | 'too_many_requests'
  | 'query_too_long'
  | 'request_too_large';

/** The `error_code`s of a `web_fetch_tool_result_error`, as the official SDK lists them. */
export type WebFetchErrorCode =
  | 'invalid_tool_input'
  | 'url_too_long'
  | 'url_not_allowed'
  | 'url_not_in_prior_context'
  | 'url_not_accessible'
  | 'unsupported_content_type'
  | 'too_many_requests'
  | 'max_uses_exceeded'
  | 'unavailable'
  | 'content_too_large';

/** The server tools whose results the builder writes. */
export type WebTool =
  | 'web_search'
  | 'web_fetch'
  | 'bash_code_execution'
  | 'tool_search_tool_regex'
  | 'tool_search_tool_bm25';

/** What a bash command the code execution tool ran gave back, for `bashResult()`. */
export interface BashRun {
  /** What it printed (default none). */
  stdout?: string;
  /** What it printed as errors (default none). */
  stderr?: string;
  /** Its exit code (default 0). */
  returnCode?: number;
  /** The ids of the files it made (default none). */
  fileIds?: readonly string[];
}

/**
 * A complete `bash_code_execution_tool_result` for call `toolUseId`, as the code execution tool
 * (`code_execution_20250825`) sends it.
 *
 * @example
 * bashResultBlock('srvtoolu_1', { stdout: 'rows: 1204', returnCode: 0 });
 */
export function bashResultBlock(toolUseId: string, run: BashRun): ContentBlock {
  return {
    type: 'bash_code_execution_tool_result',
    tool_use_id: toolUseId,
    content: {
      type: 'bash_code_execution_result',
      stdout: run.stdout ?? '',
      stderr: run.stderr ?? '',
      return_code: run.returnCode ?? 0,
      content: (run.fileIds ?? []).map((file_id) => ({ type: 'bash_code_execution_output', file_id })),
    },
  };
}

/** `retrieved_at` of a fetched page when none is given: fixed, so a scenario is the same on every run. */
export const DEFAULT_RETRIEVED_AT = '2025-08-25T10:30:00Z';

/**
 * The id of the server tool call a result step answers: the latest `server_tool_use` step, which
 * must call `tool` (one of them, given several) and have no result yet. Throws a `TypeError` naming
 * `method` otherwise, as the API never sends a result without its call.
 *
 * @example
 * pairedCallId([{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_fetch', input: {} }], 'web_fetch', 'webFetchError');
 * // 'srvtoolu_1'
 */
export function pairedCallId(
  steps: readonly ScenarioStep[],
  tool: WebTool | readonly WebTool[],
  method: string,
): string {
  const tools: readonly string[] = typeof tool === 'string' ? [tool] : tool;
  const position = steps.findLastIndex((step) => step.type === 'server_tool_use');
  const call = steps[position] as ToolUseStep | undefined;
  const needs = `${method}() needs a serverToolUse(${tools.map((name) => `'${name}'`).join(' or ')}, …) before it`;
  if (call === undefined) throw new TypeError(`${needs}.`);
  if (!tools.includes(call.name)) {
    throw new TypeError(`${needs}: the latest server tool call is '${call.name}'.`);
  }
  const id = call.id ?? '';
  const answered = steps
    .slice(position + 1)
    .some((step) => step.type === 'block' && step.block['tool_use_id'] === id);
  if (answered)
    throw new TypeError(`${needs}: the latest '${call.name}' call (${id}) has its result already.`);
  return id;
}

/**
 * A complete `web_search_tool_result` listing `hits`, for call `toolUseId`.
 *
 * @example
 * webSearchResultBlock('srvtoolu_1', [{ title: 'T', url: 'https://t.example' }], random);
 * // { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', … }] }
 */
export function webSearchResultBlock(
  toolUseId: string,
  hits: readonly WebSearchHit[],
  random: Random,
): ContentBlock {
  if (!Array.isArray(hits))
    throw new TypeError(`webSearchResult() takes an array of hits, got ${typeof hits}`);
  return {
    type: 'web_search_tool_result',
    tool_use_id: toolUseId,
    content: hits.map((hit, position) => {
      const where = `webSearchResult() hit ${position}`;
      checkString(`${where}: title`, hit?.title);
      checkString(`${where}: url`, hit.url);
      if (hit.encryptedContent !== undefined) checkString(`${where}: encryptedContent`, hit.encryptedContent);
      // Drawn for every hit, so giving one hit its value leaves the others' unchanged.
      const generated = createId('enc', random);
      return {
        type: 'web_search_result',
        title: hit.title,
        url: hit.url,
        encrypted_content: hit.encryptedContent ?? generated,
        page_age: hit.pageAge ?? null,
      };
    }),
  };
}

/**
 * A `web_search_tool_result` that failed with `errorCode`, for call `toolUseId`.
 *
 * @example
 * webSearchErrorBlock('srvtoolu_1', 'max_uses_exceeded');
 * // { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } }
 */
export function webSearchErrorBlock(toolUseId: string, errorCode: WebSearchErrorCode): ContentBlock {
  checkErrorCode('webSearchError()', errorCode);
  return {
    type: 'web_search_tool_result',
    tool_use_id: toolUseId,
    content: { type: 'web_search_tool_result_error', error_code: errorCode },
  };
}

/**
 * A complete `web_fetch_tool_result` holding `page` as a `document` block, for call `toolUseId`.
 *
 * @example
 * webFetchResultBlock('srvtoolu_2', { url: 'https://example.org/a', title: 'A', text: 'Hello.' });
 * // { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_2', content: { type: 'web_fetch_result', url, retrieved_at, content: { type: 'document', … } } }
 */
export function webFetchResultBlock(toolUseId: string, page: WebFetchPage): ContentBlock {
  const where = 'webFetchResult()';
  if (typeof page !== 'object' || page === null) {
    throw new TypeError(`${where} takes the fetched page, got ${page === null ? 'null' : typeof page}`);
  }
  checkString(`${where} url`, page.url);
  if ((page.text === undefined) === (page.pdf === undefined)) {
    throw new TypeError(`${where} takes the page's text or a base64 pdf: one of the two`);
  }
  const source =
    page.pdf === undefined
      ? { type: 'text', media_type: 'text/plain', data: page.text }
      : { type: 'base64', media_type: 'application/pdf', data: page.pdf };
  checkString(`${where} ${page.pdf === undefined ? 'text' : 'pdf'}`, source.data);
  if (page.title !== undefined && page.title !== null) checkString(`${where} title`, page.title);
  const retrievedAt = page.retrievedAt === undefined ? DEFAULT_RETRIEVED_AT : page.retrievedAt;
  if (retrievedAt !== null) checkString(`${where} retrievedAt`, retrievedAt);
  return {
    type: 'web_fetch_tool_result',
    tool_use_id: toolUseId,
    content: {
      type: 'web_fetch_result',
      url: page.url,
      retrieved_at: retrievedAt,
      content: {
        type: 'document',
        source,
        title: page.title ?? null,
        citations: { enabled: page.citations ?? true },
      },
    },
  };
}

/**
 * A `web_fetch_tool_result` that failed with `errorCode`, for call `toolUseId`.
 *
 * @example
 * webFetchErrorBlock('srvtoolu_2', 'url_not_accessible');
 * // { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_2', content: { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' } }
 */
export function webFetchErrorBlock(toolUseId: string, errorCode: WebFetchErrorCode): ContentBlock {
  checkErrorCode('webFetchError()', errorCode);
  return {
    type: 'web_fetch_tool_result',
    tool_use_id: toolUseId,
    content: { type: 'web_fetch_tool_result_error', error_code: errorCode },
  };
}
