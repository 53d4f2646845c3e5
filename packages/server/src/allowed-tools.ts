import type { ToolUnion } from '@anthropic-ai/sdk/resources/messages';

/**
 * A tool definition in `allowedTools`, pinned by the server: a custom tool (`{ name, description,
 * input_schema }`) or an Anthropic-defined one (`{ type: 'web_search_20250305', name: 'web_search',
 * max_uses: 3 }`). When a request declares that tool, this definition is sent instead of the client's.
 */
export type AllowedToolDefinition = Extract<ToolUnion, { name: string }> | MCPToolsetDefinition;

/**
 * The MCP connector's toolset (the `mcp-client-2025-11-20` beta), pinned per MCP server: which of
 * its tools are on, and how (see Anthropic's MCP connector docs for `default_config` and `configs`).
 */
export interface MCPToolsetDefinition {
  type: 'mcp_toolset';
  /** The server in the request's `mcp_servers` whose tools this is. */
  mcp_server_name: string;
  /** Whether its tools are on (`enabled`) and loaded only when searched for (`defer_loading`). */
  default_config?: Readonly<Record<string, unknown>> | undefined;
  /** The same, per tool of the server, by its name. */
  configs?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  cache_control?: { type: 'ephemeral'; ttl?: '5m' | '1h' } | null | undefined;
}

/**
 * An entry of `allowedTools`: a custom tool's name, an Anthropic-defined tool's type or family
 * (the client's definition is sent as it came), or a definition the server pins.
 */
export type AllowedTool = string | AllowedToolDefinition;

/** The outcome of {@link checkTools}: the tools to send upstream, or why they were refused. */
export type ToolCheck = { ok: true; tools: unknown } | { ok: false; message: string };

/**
 * Checks a request's `tools` against `allowedTools` and puts the server's pinned definitions in
 * place of the client's. A custom tool (no `type`, or `'custom'`) is matched by its name; an
 * Anthropic-defined one by its exact type or its family, never by its name. A pinned tool keeps
 * the client's `cache_control` (where its cache breakpoint goes) unless the definition sets one.
 *
 * @example
 * checkTools(body.tools, ['get_weather', { type: 'web_search_20250305', name: 'web_search', max_uses: 3 }]);
 */
export function checkTools(tools: unknown, allowed: readonly AllowedTool[] | undefined): ToolCheck {
  if (tools === undefined) return { ok: true, tools };
  if (!Array.isArray(tools)) return fail('tools: must be an array of tool definitions.');
  const pinned = new Map<string, AllowedToolDefinition>();
  for (const entry of allowed ?? []) {
    if (typeof entry !== 'string')
      pinned.set(pinKey(entry.type, nameOf(entry as unknown as Record<string, unknown>) as string), entry);
  }
  const checked: unknown[] = [];
  for (const [index, tool] of tools.entries()) {
    const fields = (tool !== null && typeof tool === 'object' ? tool : {}) as Record<string, unknown>;
    const { type } = fields;
    if (type !== undefined && typeof type !== 'string') return fail(`tools.${index}.type: must be a string.`);
    const name = nameOf(fields);
    if (typeof name !== 'string' || name === '') return fail(`tools.${index}: each tool needs a name.`);
    const definition = pinned.get(pinKey(type, name));
    if (definition) {
      const own: Record<string, unknown> = { ...structuredClone(definition) };
      if (own['cache_control'] === undefined && fields['cache_control'] !== undefined) {
        own['cache_control'] = fields['cache_control'];
      }
      checked.push(own);
      continue;
    }
    if (allowed !== undefined) {
      const problem = refusal(index, name, type, allowed);
      if (problem !== undefined) return fail(problem);
    }
    checked.push(tool);
  }
  return { ok: true, tools: pinned.size > 0 ? checked : tools };
}

/**
 * Why `allowedTools` cannot work, or undefined: each entry must be a name or a definition with a
 * `name` (and a string `type`, if any), and no tool may be pinned twice.
 *
 * @example
 * allowedToolsProblem([{ type: 'web_search_20250305' }]); // 'entry 0 is a definition without a name'
 */
export function allowedToolsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'not an array';
  const seen = new Set<string>();
  for (const [index, entry] of value.entries()) {
    if (typeof entry === 'string') continue;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      return `entry ${index} is neither a name nor a tool definition`;
    }
    const { type } = entry as Record<string, unknown>;
    const name = nameOf(entry as Record<string, unknown>);
    if (typeof name !== 'string' || name === '') return `entry ${index} is a definition without a name`;
    if (type !== undefined && typeof type !== 'string')
      return `entry ${index} has a type that is not a string`;
    const key = pinKey(type, name);
    if (seen.has(key)) return `entry ${index} defines ${name} a second time`;
    seen.add(key);
  }
  return undefined;
}

function refusal(
  index: number,
  name: string,
  type: string | undefined,
  allowed: readonly AllowedTool[],
): string | undefined {
  if (type === undefined || type === 'custom') {
    if (allowed.includes(name)) return undefined;
    return `tools.${index}: the tool ${JSON.stringify(name)} is not allowed by this server.`;
  }
  if (allowed.includes(type) || allowed.includes(toolFamily(type))) return undefined;
  // Allowing a name must not allow an Anthropic-defined tool under that name: those run code,
  // fetch pages or cost extra, so each is allowed by its type.
  return `tools.${index}: the Anthropic tool type ${JSON.stringify(type)} (named ${JSON.stringify(name)}) is not allowed by this server.`;
}

/**
 * Custom tools are one per name; an Anthropic-defined tool is one per family, whatever its version;
 * an MCP toolset one per MCP server.
 */
function pinKey(type: string | null | undefined, name: string): string {
  if (type === undefined || type === null || type === 'custom') return `custom:${name}`;
  return type === 'mcp_toolset' ? `anthropic:mcp_toolset:${name}` : `anthropic:${toolFamily(type)}`;
}

/** A tool's name: the MCP connector's toolset has none of its own, the MCP server it opens names it. */
function nameOf(fields: Record<string, unknown>): unknown {
  return fields['type'] === 'mcp_toolset' ? fields['mcp_server_name'] : fields['name'];
}

/** An Anthropic-defined tool's type without its version date: `web_search` for `web_search_20250305`. */
function toolFamily(type: string): string {
  return type.replace(/_\d{8}$/u, '');
}

function fail(message: string): ToolCheck {
  return { ok: false, message };
}
