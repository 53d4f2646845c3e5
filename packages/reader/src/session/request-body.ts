import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { toAPIMessages } from './to-api-messages.ts';

/** Per-request additions: body fields and headers that override the session's. */
export interface ChatRequestOptions {
  body?: Record<string, unknown>;
  headers?: RequestInit['headers'];
}

/**
 * The JSON body POSTed for `messages`: `{ messages, system?, model?, max_tokens?, tools?, ...body }`,
 * tools as `{ name, description, input_schema }`; the options' `body`, then the request's, override.
 */
export function requestBody(
  options: ChatSessionOptions,
  messages: readonly ChatMessage[],
  request: ChatRequestOptions = {},
): Record<string, unknown> {
  const { tools } = options;
  const body: Record<string, unknown> = {
    messages: toAPIMessages(messages),
    system: options.system,
    model: options.model,
    max_tokens: options.maxTokens,
    tools:
      tools &&
      Object.entries(tools).map(([name, tool]) => ({
        name,
        description: tool.description,
        input_schema: tool.inputSchema,
      })),
    ...options.body,
    ...request.body,
  };
  return Object.fromEntries(Object.entries(body).filter((entry) => entry[1] !== undefined));
}

/** The session's headers with the request's on top. */
export function requestHeaders(options: ChatSessionOptions, request: ChatRequestOptions = {}): Headers {
  const headers = new Headers(options.headers);
  new Headers(request.headers).forEach((value, name) => headers.set(name, value));
  return headers;
}
