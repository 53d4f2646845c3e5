import type { ChatHandlerOptions, RelayRequestBody } from './chat-handler-options.ts';

/** Request fields a client may send without `allowedParams`. */
export const DEFAULT_ALLOWED_PARAMS: readonly string[] = [
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'thinking',
  'metadata',
  'stream',
];

/** The `max_tokens` cap without `maxTokens`. */
export const DEFAULT_MAX_TOKENS_CAP = 4096;

/** `max_tokens` for requests without one, without `defaultMaxTokens`. */
export const DEFAULT_MAX_TOKENS = 1024;

/** The outcome of {@link validateChatRequest}: the body to send upstream, or why it was refused. */
export type ValidationResult = { ok: true; body: RelayRequestBody } | { ok: false; message: string };

const ROLES = new Set(['user', 'assistant']);

/**
 * Checks a parsed request body against the relay's rules and fills in the server's defaults
 * (`model`, `max_tokens`, `system`, `cache_control`, `stream: true`). Messages need a `user` / `assistant` role and
 * content that is a string or an array of blocks with a `type`; turns need not alternate (the
 * API merges consecutive turns).
 *
 * @example
 * const result = validateChatRequest(JSON.parse(text), { model: 'claude-sonnet-4-6' });
 * if (!result.ok) return errorResponse(400, 'invalid_request_error', result.message);
 */
export function validateChatRequest(input: unknown, options: ChatHandlerOptions): ValidationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail('The request body must be a JSON object.');
  }
  const body = input as Record<string, unknown>;
  const allowedParams = new Set([...DEFAULT_ALLOWED_PARAMS, ...(options.allowedParams ?? [])]);
  for (const key of Object.keys(body)) {
    if (!allowedParams.has(key)) return fail(`${key}: this field is not accepted by this server.`);
  }

  const problem = checkMessages(body['messages']) ?? checkTools(body['tools'], options.allowedTools);
  if (problem !== undefined) return fail(problem);

  const model = body['model'] ?? options.model;
  if (typeof model !== 'string' || model === '') return fail('model: a model name is required.');
  const allowedModels = options.allowedModels ?? (options.model === undefined ? undefined : [options.model]);
  if (allowedModels !== undefined && !allowedModels.includes(model)) {
    return fail(`model: ${JSON.stringify(model)} is not allowed. Use one of: ${allowedModels.join(', ')}.`);
  }

  const cap = options.maxTokens ?? DEFAULT_MAX_TOKENS_CAP;
  const maxTokens = body['max_tokens'] ?? Math.min(options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS, cap);
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return fail('max_tokens: must be a positive integer.');
  }
  if (maxTokens > cap) return fail(`max_tokens: ${maxTokens} is above this server's limit of ${cap}.`);

  if (body['stream'] !== undefined && body['stream'] !== true) {
    return fail('stream: this endpoint only streams; omit stream or set it to true.');
  }
  if (options.system !== undefined && body['system'] !== undefined) {
    return fail('system: the system prompt is set by the server.');
  }
  const system = options.system ?? body['system'];
  const result = { ...body, model, max_tokens: maxTokens, stream: true } as RelayRequestBody;
  if (system !== undefined) result.system = system as NonNullable<RelayRequestBody['system']>;
  if (options.cacheControl) result.cache_control = options.cacheControl;
  return { ok: true, body: result };
}

function checkMessages(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) {
    return 'messages: a non-empty array of messages is required.';
  }
  for (const [index, message] of messages.entries()) {
    const where = `messages.${index}`;
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      return `${where}: each message must be an object with role and content.`;
    }
    const { role, content } = message as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      return `${where}.role: must be "user" or "assistant".`;
    }
    if (typeof content === 'string') continue;
    if (!Array.isArray(content)) {
      return `${where}.content: must be a string or an array of content blocks.`;
    }
    for (const [blockIndex, block] of content.entries()) {
      if (!isTyped(block)) {
        return `${where}.content.${blockIndex}: each content block must be an object with a string type.`;
      }
    }
  }
  return undefined;
}

function checkTools(tools: unknown, allowed: readonly string[] | undefined): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: must be an array of tool definitions.';
  for (const [index, tool] of tools.entries()) {
    const { name, type } = (tool !== null && typeof tool === 'object' ? tool : {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return `tools.${index}: each tool needs a name.`;
    if (type !== undefined && typeof type !== 'string') return `tools.${index}.type: must be a string.`;
    if (allowed === undefined) continue;
    if (type === undefined || type === 'custom') {
      if (!allowed.includes(name)) {
        return `tools.${index}: the tool ${JSON.stringify(name)} is not allowed by this server.`;
      }
    } else if (!allowed.includes(type) && !allowed.includes(toolFamily(type))) {
      // Allowing a name must not allow an Anthropic-defined tool under that name: those run code,
      // fetch pages or cost extra, so each is allowed by its type.
      return `tools.${index}: the Anthropic tool type ${JSON.stringify(type)} (named ${JSON.stringify(name)}) is not allowed by this server.`;
    }
  }
  return undefined;
}

/** An Anthropic-defined tool's type without its version date: `web_search` for `web_search_20250305`. */
function toolFamily(type: string): string {
  return type.replace(/_\d{8}$/u, '');
}

function isTyped(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>)['type'] === 'string'
  );
}

function fail(message: string): ValidationResult {
  return { ok: false, message };
}
