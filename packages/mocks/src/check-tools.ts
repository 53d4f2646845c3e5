type Tool = Record<string, unknown>;

/** What the API takes as a tool's name; it answers 400 for anything else. */
const TOOL_NAME = /^[\w-]{1,128}$/u;

/**
 * The first reason the Messages API would refuse a request's `tools` and `tool_choice` with a 400
 * `invalid_request_error`, or undefined when it would take them. Checks what a client assembling
 * tools can get wrong: `tools` an array of objects; a custom tool (no `type`, or `custom`) with a
 * `name` of letters, digits, `_` and `-` and an `input_schema` of `type: 'object'`; names used once;
 * a `tool_choice` of `any` or `tool` only with tools, and `tool` naming one of them. Server tools
 * (`web_search_…` and the like) are taken as they are: their options are the API's to judge.
 *
 * @example
 * checkTools([{ name: 'get_weather' }], undefined);
 * // 'tools.0.custom.input_schema: Field required'
 */
export function checkTools(tools: unknown, toolChoice: unknown): string | undefined {
  if (tools !== undefined && !Array.isArray(tools)) return 'tools: Input should be a valid list';
  const list = (tools ?? []) as Tool[];
  const names = new Set<unknown>();
  for (const [index, tool] of list.entries()) {
    const problem = checkTool(tool, `tools.${index}`, names);
    if (problem !== undefined) return problem;
  }
  return checkToolChoice(toolChoice, names);
}

function checkTool(tool: Tool, at: string, names: Set<unknown>): string | undefined {
  if (typeof tool !== 'object' || tool === null) return `${at}: Input should be a valid dictionary`;
  const { type, name } = tool;
  if (type === undefined || type === 'custom') {
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      return `${at}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    }
    const schema = tool['input_schema'] as Tool | null | undefined;
    if (typeof schema !== 'object' || schema === null) return `${at}.custom.input_schema: Field required`;
    if (schema['type'] === undefined) return `${at}.custom.input_schema.type: Field required`;
    if (schema['type'] !== 'object') return `${at}.custom.input_schema.type: Input should be 'object'`;
  }
  if (names.has(name)) return 'tools: Tool names must be unique.';
  names.add(name);
  return undefined;
}

function checkToolChoice(choice: unknown, names: Set<unknown>): string | undefined {
  if (choice === undefined) return undefined;
  const { type, name } = (choice ?? {}) as Tool;
  if (type === 'auto' || type === 'none') return undefined;
  if (type !== 'any' && type !== 'tool') {
    return "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'";
  }
  if (names.size === 0) return 'tool_choice may only be specified while providing tools.';
  if (type === 'tool' && !names.has(name)) {
    return `tool_choice.tool.name: Tool '${String(name)}' not found in tools`;
  }
  return undefined;
}
