import type { ToolUseStep } from './scenario-types.ts';

/** The `server_name` field an `mcp_tool_use` block carries (in the API's order: after `name`). */
export function serverOf(step: ToolUseStep): { server_name?: string } {
  return step.type === 'mcp_tool_use' ? { server_name: step.serverName ?? '' } : {};
}
