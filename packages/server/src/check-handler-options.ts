import { allowedToolsProblem } from './allowed-tools.ts';
import type { ChatHandlerOptions, ResumeOptions } from './chat-handler-options.ts';

/**
 * Throws a `TypeError` or `RangeError` naming the option when `createChatHandler` gets one that
 * cannot work (often a NaN from `Number(process.env.X)`, or one name where a list belongs), so a
 * misconfigured relay fails when it starts instead of on every request, or upstream.
 */
export function checkHandlerOptions(options: ChatHandlerOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createChatHandler takes an options object, got ${shown(options)}`);
  }
  // A misspelt cap (`maxToken`) would leave the relay uncapped without a word.
  knownNames('', options, HANDLER_OPTIONS);
  expectTo('apiKey', options.apiKey, (value) => typeof value === 'string', 'a string');
  expectTo('baseURL', options.baseURL, isURL, 'an absolute URL such as "https://api.anthropic.com"');
  expectTo('model', options.model, (value) => typeof value === 'string' && value !== '', 'a model name');
  for (const name of ['allowedModels', 'allowedParams'] as const) {
    expectTo(name, options[name], isList, 'an array of strings');
  }
  const { model, allowedModels } = options;
  // Every request that names no model would be refused, the client blamed for the server's setup.
  if (model !== undefined && allowedModels !== undefined && !allowedModels.includes(model)) {
    throw new TypeError(`model "${model}" must be one of allowedModels (${allowedModels.join(', ')})`);
  }
  const toolsProblem =
    options.allowedTools === undefined ? undefined : allowedToolsProblem(options.allowedTools);
  if (toolsProblem !== undefined) {
    throw new TypeError(
      `allowedTools must be an array of tool names and definitions ({ name, type?, … }), got ${shown(options.allowedTools)}: ${toolsProblem}`,
    );
  }
  for (const name of ['authorize', 'beforeRequest', 'onError', 'onFinish', 'waitUntil'] as const) {
    expectTo(name, options[name], (value) => typeof value === 'function', 'a function');
  }
  expectTo(
    'client',
    options.client,
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { messages?: { create?: unknown } }).messages?.create === 'function',
    'an Anthropic client (Anthropic, AnthropicBedrock, AnthropicVertex)',
  );
  expectTo('system', options.system, isSystem, 'a string or an array of text blocks');
  expectTo(
    'metadata',
    options.metadata,
    isMetadata,
    'an object such as { user_id: "…" } or a function of the request',
  );
  expectTo('cacheControl', options.cacheControl, isCacheControl, "{ type: 'ephemeral', ttl?: '5m' | '1h' }");
  expectTo('betas', options.betas, isBetaList, 'an array of beta names such as "files-api-2025-04-14"');
  expectTo(
    'protocol',
    options.protocol,
    (value) => value === 'anthropic' || value === 'text',
    '"anthropic" or "text"',
  );
  // Caps may be Infinity (no cap); a timer or a count may not (a timer of Infinity fires at once).
  inRange('maxTokens', options.maxTokens, 1, 'whole or Infinity');
  inRange('maxBodyBytes', options.maxBodyBytes, 1, 'whole or Infinity');
  inRange('defaultMaxTokens', options.defaultMaxTokens, 1, 'whole');
  inRange('maxRetries', options.maxRetries, 0, 'whole');
  inRange('pingIntervalMs', options.pingIntervalMs, 0, 'finite');
  timerAtMost('pingIntervalMs', options.pingIntervalMs);
  const ping = options.pingIntervalMs;
  if (ping !== undefined && ping > 0 && ping < 1) {
    throw new RangeError(`pingIntervalMs must be 0 (no pings) or at least 1 ms, got ${ping}`);
  }
  inRange('upstreamIdleTimeoutMs', options.upstreamIdleTimeoutMs, 1, 'finite');
  timerAtMost('upstreamIdleTimeoutMs', options.upstreamIdleTimeoutMs);
  const { resume } = options;
  expectTo(
    'resume',
    resume,
    (value) => typeof value === 'boolean' || (typeof value === 'object' && value !== null),
    'true, false or { graceMs?, ttlMs?, store?, waitUntil? }',
  );
  if (typeof resume === 'object') {
    knownNames('resume.', resume, RESUME_OPTIONS);
    inRange('resume.graceMs', resume.graceMs, 0, 'finite');
    timerAtMost('resume.graceMs', resume.graceMs);
    inRange('resume.ttlMs', resume.ttlMs, 0, 'finite');
    expectTo('resume.store', resume.store, isResumeStore, `a ResumeStore (${STORE_METHODS.join(', ')})`);
    expectTo('resume.waitUntil', resume.waitUntil, (value) => typeof value === 'function', 'a function');
  }
}

// Records of every key, so that an option added to the types and not here fails to compile.
const HANDLER_OPTIONS: Record<keyof ChatHandlerOptions, true> = {
  apiKey: true,
  baseURL: true,
  client: true,
  model: true,
  allowedModels: true,
  maxTokens: true,
  defaultMaxTokens: true,
  maxBodyBytes: true,
  allowedTools: true,
  system: true,
  allowedParams: true,
  cacheControl: true,
  metadata: true,
  betas: true,
  protocol: true,
  pingIntervalMs: true,
  upstreamIdleTimeoutMs: true,
  resume: true,
  maxRetries: true,
  authorize: true,
  beforeRequest: true,
  onError: true,
  onFinish: true,
  waitUntil: true,
};
const RESUME_OPTIONS: Record<keyof ResumeOptions, true> = {
  graceMs: true,
  ttlMs: true,
  store: true,
  waitUntil: true,
};

/** Throws a `TypeError` for an option name `known` does not hold, naming the one it starts like. */
function knownNames(prefix: string, given: object, known: Record<string, true>): void {
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(known, name)) continue;
    const shared = (option: string): number => {
      let length = 0;
      while (length < name.length && option[length]?.toLowerCase() === name[length]?.toLowerCase()) length++;
      return length;
    };
    const near = Object.keys(known).reduce((best, option) => (shared(option) > shared(best) ? option : best));
    throw new TypeError(
      `${prefix}${name} is not an option of createChatHandler${shared(near) >= 4 ? ` (did you mean ${prefix}${near}?)` : ''}`,
    );
  }
}

function isMetadata(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const userId = (value as { user_id?: unknown }).user_id;
  return userId === undefined || userId === null || typeof userId === 'string';
}

const isURL = (value: unknown): boolean => typeof value === 'string' && URL.canParse(value);

const STORE_METHODS = ['create', 'append', 'finish', 'read', 'publish', 'subscribe'] as const;

const isResumeStore = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  STORE_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const isList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Names go into one comma-separated header: each must be a bare token. */
const isBetaList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && /^[\w.-]+$/.test(item));

const isSystem = (value: unknown): boolean =>
  typeof value === 'string' ||
  (Array.isArray(value) &&
    value.every(
      (block) =>
        (block as { type?: unknown } | null)?.type === 'text' &&
        typeof (block as { text?: unknown }).text === 'string',
    ));

function isCacheControl(value: unknown): boolean {
  const { type, ttl } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return type === 'ephemeral' && (ttl === undefined || ttl === '5m' || ttl === '1h');
}

function expectTo(name: string, value: unknown, valid: (value: unknown) => boolean, what: string): void {
  if (value !== undefined && !valid(value))
    throw new TypeError(`${name} must be ${what}, got ${shown(value)}`);
}

function inRange(
  name: string,
  value: unknown,
  min: number,
  kind: 'whole' | 'whole or Infinity' | 'finite',
): void {
  if (value === undefined) return;
  const number = typeof value === 'number' && value >= min ? value : Number.NaN;
  if (kind === 'finite' ? Number.isFinite(number) : Number.isInteger(number)) return;
  if (kind === 'whole or Infinity' && number === Infinity) return;
  const what = kind === 'finite' ? 'a number' : 'a whole number';
  throw new RangeError(`${name} must be ${what} ≥ ${min}, got ${shown(value)}`);
}

/** The longest a timer waits: Node fires a longer one at once (a ping storm, an abort at once). */
const MAX_TIMER_MS = 2_147_483_647;

function timerAtMost(name: string, value: number | undefined): void {
  if (value !== undefined && value > MAX_TIMER_MS) {
    throw new RangeError(
      `${name} must be at most ${MAX_TIMER_MS} ms (24.8 days, the longest a timer waits), got ${value}`,
    );
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
