/** Request options that only mean something to the real model (mock scenarios decide on their own). */
export interface ModelOptions {
  /** Extended thinking with a small budget. */
  thinking: boolean;
  /** Anthropic's server-side web search tool (answers come with citations). */
  webSearch: boolean;
}

const THINKING_BUDGET = 1024;

/**
 * The extra request body for {@link ModelOptions}. Web search is a server tool: a `tools` list in
 * the body goes beside the session's client tools.
 *
 * @example
 * session.setOptions({ body: modelRequestBody({ thinking: true, webSearch: false }) });
 */
export function modelRequestBody(options: ModelOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (options.thinking) body['thinking'] = { type: 'enabled', budget_tokens: THINKING_BUDGET };
  if (options.webSearch) body['tools'] = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }];
  return body;
}
