import type { ChatTool } from '@chatstream/reader';

/** Request options that only mean something to the real model (mock scenarios decide on their own). */
export interface ModelOptions {
  /** Extended thinking with a small budget. */
  thinking: boolean;
  /** Anthropic's server-side web search tool (answers come with citations). */
  webSearch: boolean;
}

const THINKING_BUDGET = 1024;

/**
 * The extra request body for {@link ModelOptions}. Web search is a server tool, so the tool list
 * is sent whole here: the session's client tools plus `web_search`.
 *
 * @example
 * session.setOptions({ body: modelRequestBody({ thinking: true, webSearch: false }, demoTools) });
 */
export function modelRequestBody(
  options: ModelOptions,
  tools: Record<string, ChatTool>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.thinking) body['thinking'] = { type: 'enabled', budget_tokens: THINKING_BUDGET };
  if (options.webSearch) {
    body['tools'] = [
      ...Object.entries(tools).map(([name, tool]) => ({
        name,
        description: tool.description,
        input_schema: tool.inputSchema,
      })),
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
    ];
  }
  return body;
}
