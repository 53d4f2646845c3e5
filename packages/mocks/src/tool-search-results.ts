import type { ContentBlock } from '@chatstream/reader';
import { checkErrorCode, checkString } from './check-arguments.ts';
import type { WebTool } from './server-tool-results.ts';

/** The tool search server tools, by the names their calls carry. */
export const TOOL_SEARCH_TOOLS: readonly WebTool[] = ['tool_search_tool_regex', 'tool_search_tool_bm25'];

/** The `error_code`s of a `tool_search_tool_result_error`, as the official SDK lists them. */
export type ToolSearchErrorCode =
  | 'invalid_tool_input'
  | 'unavailable'
  | 'too_many_requests'
  | 'execution_time_exceeded';

/**
 * A complete `tool_search_tool_result` naming the tools found (`tool_reference`s), for call
 * `toolUseId`.
 *
 * @example
 * toolSearchResultBlock('srvtoolu_1', ['get_weather']);
 * // { type: 'tool_search_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'tool_search_tool_search_result', tool_references: [{ type: 'tool_reference', tool_name: 'get_weather' }] } }
 */
export function toolSearchResultBlock(toolUseId: string, toolNames: readonly string[]): ContentBlock {
  if (!Array.isArray(toolNames)) {
    throw new TypeError(`toolSearchResult() takes an array of tool names, got ${typeof toolNames}`);
  }
  toolNames.forEach((name, position) => checkString(`toolSearchResult() tool name ${position}`, name));
  return {
    type: 'tool_search_tool_result',
    tool_use_id: toolUseId,
    content: {
      type: 'tool_search_tool_search_result',
      tool_references: toolNames.map((tool_name) => ({ type: 'tool_reference', tool_name })),
    },
  };
}

/**
 * A `tool_search_tool_result` that failed with `errorCode`, for call `toolUseId`.
 *
 * @example
 * toolSearchErrorBlock('srvtoolu_1', 'unavailable');
 * // { type: 'tool_search_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'tool_search_tool_result_error', error_code: 'unavailable', error_message: null } }
 */
export function toolSearchErrorBlock(toolUseId: string, errorCode: ToolSearchErrorCode): ContentBlock {
  checkErrorCode('toolSearchError()', errorCode);
  return {
    type: 'tool_search_tool_result',
    tool_use_id: toolUseId,
    content: { type: 'tool_search_tool_result_error', error_code: errorCode, error_message: null },
  };
}
