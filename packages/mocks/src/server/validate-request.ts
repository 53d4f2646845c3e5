import { checkMessages } from '../check-messages.ts';
import { checkTools } from '../check-tools.ts';

/** Why a request was refused, in the API's terms. */
export interface RequestProblem {
  status: number;
  errorType: string;
  message: string;
}

/**
 * Checks the headers the API requires: an API key and `anthropic-version`. The key may come as
 * `x-api-key` or as `Authorization: Bearer …` (recent official SDKs send the latter); it must equal
 * `apiKey` when one is given.
 */
export function checkHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  apiKey: string | undefined,
): RequestProblem | undefined {
  const authorization = headers['authorization'];
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(.+)$/iu.exec(authorization)?.[1] : undefined;
  const key = headers['x-api-key'] ?? bearer;
  if (typeof key !== 'string' || key === '' || (apiKey !== undefined && key !== apiKey)) {
    return { status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' };
  }
  if (typeof headers['anthropic-version'] !== 'string') {
    return {
      status: 400,
      errorType: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    };
  }
  return undefined;
}

/**
 * Checks a Messages request body: `model`, `max_tokens`, `messages` (the conversation rules of
 * {@link checkMessages}), `tools` and `tool_choice` ({@link checkTools}), and `stream`, a boolean
 * when present.
 */
export function checkBody(body: unknown): RequestProblem | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return invalid('Request body must be a JSON object');
  const {
    model,
    max_tokens: maxTokens,
    messages,
    tools,
    tool_choice: toolChoice,
    stream,
  } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') return invalid('model: Field required');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return invalid('max_tokens: Field required (a positive integer)');
  }
  const problem = checkMessages(messages) ?? checkTools(tools, toolChoice);
  if (problem !== undefined) return invalid(problem);
  if (stream !== undefined && typeof stream !== 'boolean')
    return invalid('stream: Input should be a valid boolean');
  return undefined;
}

function invalid(message: string): RequestProblem {
  return { status: 400, errorType: 'invalid_request_error', message };
}
