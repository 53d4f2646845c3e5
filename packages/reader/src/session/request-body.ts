import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { holdsToolResults } from './answer-predicates.ts';
import { inputJSONSchema } from './input-json-schema.ts';
import { toAPIMessages } from './to-api-messages.ts';

/** Per-request additions: body fields and headers that override the session's. */
export interface ChatRequestOptions {
  body?: Record<string, unknown> | undefined;
  headers?: RequestInit['headers'] | undefined;
}

/**
 * The JSON body POSTed for `messages`: `{ messages, system?, model?, max_tokens?, tools?, ...body }`,
 * tools as `{ name, description, input_schema }` (a Standard Schema as its JSON Schema); the options' `body`, then the request's, override.
 * A `tools` list in a body (server tools such as web search) goes beside the session's tools, not in
 * their place; a tool of the same name in it wins. A `tool_choice` that forces a tool (`any`, `tool`)
 * applies to the request that answers the person: one that sends tool results back asks `auto`.
 */
export function requestBody(
  options: ChatSessionOptions,
  messages: readonly ChatMessage[],
  request: ChatRequestOptions = {},
): Record<string, unknown> {
  const { tools } = options;
  const extra = { ...options.body, ...request.body };
  // A forced tool is for answering the person: forced again once tool results go back, the model
  // could never answer, and the run would end at `maxSteps`.
  // The last user message, before a prefill being continued, tells which.
  if (holdsToolResults(messages.findLast((message) => message.role === 'user'))) {
    extra['tool_choice'] = unforced(extra['tool_choice']);
  }
  const body: Record<string, unknown> = {
    messages: toAPIMessages(messages),
    system: options.system,
    model: options.model,
    max_tokens: options.maxTokens,
    ...extra,
    tools: besideClientTools(
      tools &&
        Object.entries(tools).map(([name, tool]) =>
          tool.type === undefined
            ? {
                ...tool.definition,
                name,
                description: tool.description,
                input_schema: inputJSONSchema(tool.inputSchema ?? {}, name),
              }
            : { ...tool.definition, type: tool.type, name },
        ),
      extra['tools'],
    ),
  };
  return Object.fromEntries(Object.entries(body).filter((entry) => entry[1] !== undefined));
}

/** `choice` with a forced tool (`any`, `tool`) left to the model (`auto`), its other settings kept. */
function unforced(choice: unknown): unknown {
  if (typeof choice !== 'object' || choice === null) return choice;
  const { type, name: _name, ...rest } = choice as Record<string, unknown>;
  return type === 'any' || type === 'tool' ? { ...rest, type: 'auto' } : choice;
}

/** The session's tool definitions, then a body's own list; anything but a list in the body is sent as given. */
function besideClientTools(client: { name: string }[] | undefined, given: unknown): unknown {
  if (!client || !Array.isArray(given)) return given === undefined ? client : given;
  const named = new Set(given.map((tool) => (tool as { name?: unknown } | null)?.name));
  return [...client.filter((tool) => !named.has(tool.name)), ...given];
}

/** The session's headers with the request's on top. */
export function requestHeaders(options: ChatSessionOptions, request: ChatRequestOptions = {}): Headers {
  const headers = new Headers(options.headers);
  new Headers(request.headers).forEach((value, name) => headers.set(name, value));
  return headers;
}
