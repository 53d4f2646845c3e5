import { checkFunction, checkNumber, checkURL, shown } from '../check-options.ts';
import { checkRequestOptions } from '../fetch/stream-message.ts';
import { isChatStreamError } from '../errors.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { reviveError } from './restore-messages.ts';
import { inputJSONSchema } from './input-json-schema.ts';
import { isStandardSchema } from './standard-schema.ts';

/**
 * Throws a `RangeError` / `TypeError` for a session option that cannot work, when the session is
 * created or its options change, rather than at the next `send`.
 */
export function checkSessionOptions(options: Partial<ChatSessionOptions>): void {
  checkRequestOptions(options);
  checkURL('api', options.api);
  checkNumber('maxSteps', options.maxSteps, 'positive count');
  for (const name of ['transport', 'generateId', 'onFinish', 'onError', 'onSettled', 'onUsage'] as const) {
    checkFunction(name, options[name]);
  }
  const { throttle, tools, initialMessages, initialError } = options;
  if (typeof throttle === 'number') checkNumber('throttle', throttle, 'non-negative');
  else if (
    throttle !== undefined &&
    throttle !== false &&
    throttle !== 'frame' &&
    typeof throttle !== 'function'
  ) {
    throw new TypeError(
      `throttle must be 'frame', a number of milliseconds, false or a scheduling function, got ${shown(throttle)}`,
    );
  }
  if (initialMessages !== undefined && !Array.isArray(initialMessages)) {
    throw new TypeError('initialMessages must be an array of messages');
  }
  if (initialError !== undefined && !isChatStreamError(reviveError(initialError))) {
    throw new TypeError(
      `initialError must be a chatstream error or its JSON form ({ kind, message, … }), got ${shown(initialError)}`,
    );
  }
  for (const [name, tool] of Object.entries(tools ?? {})) {
    if (typeof tool !== 'object' || tool === null) throw new TypeError(`tools.${name} must be an object`);
    // The API's rule for tool names: otherwise every request would fail with a 400.
    if (!/^[\w-]{1,64}$/.test(name)) {
      throw new TypeError(`Tool name "${name}" must be 1 to 64 letters, digits, _ or -`);
    }
    const { inputSchema, type, definition } = tool as {
      inputSchema?: unknown;
      type?: unknown;
      definition?: unknown;
    };
    checkFunction(`tools.${name}.execute`, (tool as { execute?: unknown }).execute);
    const { needsApproval } = tool as { needsApproval?: unknown };
    // A setting read from JSON ("true", 1) must not pass for false and run a tool unasked.
    if (
      needsApproval !== undefined &&
      typeof needsApproval !== 'boolean' &&
      typeof needsApproval !== 'function'
    ) {
      throw new TypeError(
        `tools.${name}.needsApproval must be true, false or a function, got ${shown(needsApproval)}`,
      );
    }
    // Its answer is needed as the turn ends: a promise would be a "yes" to every call.
    if (
      (needsApproval as { constructor?: { name?: unknown } } | undefined)?.constructor?.name ===
      'AsyncFunction'
    ) {
      throw new TypeError(
        `tools.${name}.needsApproval must answer at once (true or false): it is an async function`,
      );
    }
    if (type !== undefined) {
      // A tool Anthropic defines: its schema is the model's own; one sent beside it would be refused.
      if (typeof type !== 'string' || !type) {
        throw new TypeError(
          `tools.${name}.type must be the type Anthropic names the tool by, got ${shown(type)}`,
        );
      }
      if (inputSchema !== undefined) {
        throw new TypeError(
          `tools.${name} is Anthropic's ${type}, whose input schema is built in: leave out inputSchema`,
        );
      }
      checkDefinition(name, definition, ['type', 'name']);
      continue;
    }
    checkDefinition(name, definition, ['type', 'name', 'description', 'input_schema']);
    if ((typeof inputSchema !== 'object' || inputSchema === null) && !isStandardSchema(inputSchema)) {
      throw new TypeError(
        `tools.${name}.inputSchema must be a JSON Schema object or a Standard Schema (zod, ArkType…), got ${shown(inputSchema)}`,
      );
    }
    // The API takes only object schemas for tool input: any other fails every request with a 400.
    const json = inputJSONSchema(inputSchema, name) as Record<string, unknown>;
    if (json['type'] !== 'object') {
      const union = ['anyOf', 'oneOf'].find((key) => key in json);
      throw new TypeError(
        union
          ? `tools.${name}.inputSchema must describe an object, not a union (${union}): make the union a field of an object`
          : `tools.${name}.inputSchema.type must be "object", got ${shown(json['type'])}`,
      );
    }
  }
}

/** Throws a `TypeError` for a tool `definition` that is no object, or sets a field the tool's own options set. */
function checkDefinition(name: string, definition: unknown, owned: readonly string[]): void {
  if (definition === undefined) return;
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError(
      `tools.${name}.definition must be an object of the tool's other fields, got ${shown(definition)}`,
    );
  }
  const named = owned.find((key) => Object.hasOwn(definition, key));
  if (named !== undefined) {
    const own: Record<string, string> = {
      name: 'key in tools',
      type: 'type option',
      description: 'description option',
      input_schema: 'inputSchema option',
    };
    throw new TypeError(`tools.${name}.definition.${named}: the tool's ${named} is its ${own[named]}`);
  }
}
