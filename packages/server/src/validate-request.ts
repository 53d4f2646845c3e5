import { checkTools } from './allowed-tools.ts';
import { cacheTtlProblem } from './cache-ttl.ts';
import type { ChatHandlerOptions, RelayRequestBody } from './chat-handler-options.ts';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from './nesting-depth.ts';

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
 * (`model`, `max_tokens`, `system`, `cache_control`, `stream: true`), its pinned tool definitions
 * and its `metadata`. Messages need a `user` / `assistant` role and content that is a string or an
 * array of blocks with a `type`; turns need not alternate (the API merges consecutive turns). The
 * body may nest at most {@link MAX_NESTING_DEPTH} levels deep, and a client's `cache_control` may
 * ask for an hour's cache only when the server's `cacheControl` does. With a `metadata` function,
 * the client's `metadata` is left out and the caller sets the function's result (the handler does).
 *
 * @example
 * const result = validateChatRequest(JSON.parse(text), { model: 'claude-sonnet-4-6' });
 * if (!result.ok) return errorResponse(400, 'invalid_request_error', result.message);
 */
export function validateChatRequest(input: unknown, options: ChatHandlerOptions): ValidationResult {
  return validateParsed(input, options, false);
}

/**
 * {@link validateChatRequest} of a body whose text was checked for depth already (the handler's):
 * walking a large body again costs the whole server seconds (a million keys), not only this request.
 */
export function validateParsed(
  input: unknown,
  options: ChatHandlerOptions,
  depthChecked: boolean,
): ValidationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail('The request body must be a JSON object.');
  }
  const body = input as Record<string, unknown>;
  // First, at the cost of the top level only: a body of fields no request has is refused at once.
  const allowedParams = new Set([...DEFAULT_ALLOWED_PARAMS, ...(options.allowedParams ?? [])]);
  for (const key of Object.keys(body)) {
    if (!allowedParams.has(key)) return fail(`${key}: this field is not accepted by this server.`);
  }
  // Before anything else reads it deeply: JSON this deep parses, but cannot be serialised again upstream.
  if (!depthChecked && nestsDeeperThan(input, MAX_NESTING_DEPTH)) {
    return fail(`The request body is nested more than ${MAX_NESTING_DEPTH} levels deep.`);
  }

  // With the server's cacheControl, a client's top-level one (allowedParams) is replaced, so unchecked.
  const breakpoints = options.cacheControl ? { ...body, cache_control: undefined } : body;
  const problem =
    checkMessages(body['messages']) ?? cacheTtlProblem(breakpoints, options.cacheControl?.ttl === '1h');
  if (problem !== undefined) return fail(problem);
  const tools = checkTools(body['tools'], options.allowedTools);
  if (!tools.ok) return tools;

  const model = body['model'] ?? options.model;
  if (typeof model !== 'string' || model === '') return fail('model: a model name is required.');
  const allowedModels = options.allowedModels ?? (options.model === undefined ? undefined : [options.model]);
  if (allowedModels !== undefined && !allowedModels.includes(model)) {
    // The list is the server's business: a caller refused here may not even be signed in.
    return fail(`model: ${JSON.stringify(model)} is not allowed by this server.`);
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
  if (tools.tools !== undefined) result.tools = tools.tools as NonNullable<RelayRequestBody['tools']>;
  if (system !== undefined) result.system = system as NonNullable<RelayRequestBody['system']>;
  if (options.cacheControl) {
    const { type, ttl } = options.cacheControl;
    result.cache_control = ttl === undefined ? { type } : { type, ttl };
  }
  if (typeof options.metadata === 'object') result.metadata = { ...options.metadata };
  else if (options.metadata !== undefined) delete result.metadata;
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
