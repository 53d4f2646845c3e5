import type { BlockRenderers } from '../block-props.ts';
import { CodeExecutionResultBlock } from './code-execution-result-block.tsx';
import { ContainerUploadBlock } from './container-upload-block.tsx';
import { FallbackBlock } from './fallback-block.tsx';
import { RedactedThinkingBlock } from './redacted-thinking-block.tsx';
import { ServerToolUseBlock } from './server-tool-use-block.tsx';
import { TextBlock } from './text-block.tsx';
import { ThinkingBlock } from './thinking-block.tsx';
import { ToolResultBlock } from './tool-result-block.tsx';
import { ToolSearchResultBlock } from './tool-search-result-block.tsx';
import { ToolUseBlock } from './tool-use-block.tsx';
import { WebFetchResultBlock } from './web-fetch-result-block.tsx';
import { WebSearchResultBlock } from './web-search-result-block.tsx';

/**
 * The renderer for every block type this package draws, and `fallback` for the rest. Spread it to
 * replace one: `{ ...defaultBlockRenderers, tool_use: MyToolCard }`.
 */
export const defaultBlockRenderers: BlockRenderers = {
  text: TextBlock,
  thinking: ThinkingBlock,
  redacted_thinking: RedactedThinkingBlock,
  tool_use: ToolUseBlock,
  // Run by Anthropic as a server tool is: its state comes from its result, not from the page.
  mcp_tool_use: ServerToolUseBlock,
  tool_result: ToolResultBlock,
  mcp_tool_result: ToolResultBlock,
  server_tool_use: ServerToolUseBlock,
  web_search_tool_result: WebSearchResultBlock,
  web_fetch_tool_result: WebFetchResultBlock,
  code_execution_tool_result: CodeExecutionResultBlock,
  bash_code_execution_tool_result: CodeExecutionResultBlock,
  text_editor_code_execution_tool_result: CodeExecutionResultBlock,
  tool_search_tool_result: ToolSearchResultBlock,
  container_upload: ContainerUploadBlock,
  fallback: FallbackBlock,
};
