import type { ServerToolUsage } from '@chatstream/reader';
import type { ScenarioStep } from './scenario-types.ts';

const WEB_TOOLS = new Set(['web_search', 'web_fetch']);

/**
 * `usage.server_tool_use` as the API reports it for `steps`: `web_search_requests` and
 * `web_fetch_requests` count the `web_search_tool_result` / `web_fetch_tool_result` blocks that
 * carry results. A call answered with an error is not counted (the API does not bill a failed
 * search), nor is a call whose result is not in this response. Undefined when no step calls or
 * answers a web tool, so answers without server tools keep the usage they had.
 *
 * @example
 * countServerToolUse(scenario('s').serverToolUse('web_search', { query: 'q' }).webSearchResult([]).build().steps);
 * // { web_search_requests: 1, web_fetch_requests: 0 }
 */
export function countServerToolUse(steps: readonly ScenarioStep[]): ServerToolUsage | undefined {
  let used = false;
  const usage = { web_search_requests: 0, web_fetch_requests: 0 };
  for (const step of steps) {
    if (step.type === 'server_tool_use' && WEB_TOOLS.has(step.name)) used = true;
    if (step.type !== 'block') continue;
    const { type, content } = step.block as { type: string; content?: unknown };
    if (type !== 'web_search_tool_result' && type !== 'web_fetch_tool_result') continue;
    used = true;
    if (type === 'web_search_tool_result' && Array.isArray(content)) usage.web_search_requests += 1;
    const fetched = (content as { type?: unknown } | null | undefined)?.type === 'web_fetch_result';
    if (type === 'web_fetch_tool_result' && fetched) usage.web_fetch_requests += 1;
  }
  return used ? usage : undefined;
}
