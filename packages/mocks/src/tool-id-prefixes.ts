import type { ToolUseStep } from './scenario-types.ts';

/** How the API begins the id of each kind of tool call. */
export const TOOL_ID_PREFIXES: Record<ToolUseStep['type'], string> = {
  tool_use: 'toolu',
  server_tool_use: 'srvtoolu',
  mcp_tool_use: 'mcptoolu',
};
