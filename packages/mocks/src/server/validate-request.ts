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
  const key = headers['x-api-key'] ?? bearerToken(headers['authorization']);
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

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  return typeof authorization === 'string' ? /^Bearer\s+(.+)$/iu.exec(authorization)?.[1] : undefined;
}

/**
 * Checks that the body could be read: 413 `request_too_large` when it was over the limit (`text`
 * undefined), 400 when it is not JSON (`json` undefined).
 */
export function checkReadable(
  text: string | undefined,
  json: { value: unknown } | undefined,
): RequestProblem | undefined {
  if (text === undefined) {
    return {
      status: 413,
      errorType: 'request_too_large',
      message: 'Request exceeds the maximum allowed number of bytes.',
    };
  }
  return json ? undefined : invalid('Invalid JSON in request body');
}

/**
 * Checks the body of a Bedrock or Vertex AI request: the Messages body (as {@link checkBody} checks
 * it, with the path's `model` put in) with `anthropic_version`, a string, and for Bedrock an optional
 * `anthropic_beta`, a list of strings, and no `model` or `stream` (the path says them). Bedrock
 * words its own checks as Bedrock does.
 */
export function checkPlatformBody(
  body: unknown,
  model: string,
  platform: 'bedrock' | 'vertex',
): RequestProblem | undefined {
  if (!isObject(body)) return invalid('Request body must be a JSON object');
  if (platform === 'vertex') {
    return typeof body['anthropic_version'] === 'string'
      ? checkBody({ ...body, model })
      : invalid('anthropic_version: Field required');
  }
  // Bedrock checks its JSON schema before the model sees the request, and words it its own way.
  const malformed = (where: string, reason: string): RequestProblem =>
    invalid(`Malformed input request: ${where}: ${reason}, please reformat your input and try again.`);
  const extraneous = ['model', 'stream'].find((key) => key in body);
  if (extraneous !== undefined) return malformed('#', `extraneous key [${extraneous}] is not permitted`);
  if (typeof body['anthropic_version'] !== 'string') {
    return malformed('#', 'required key [anthropic_version] not found');
  }
  const betas = body['anthropic_beta'];
  if (betas !== undefined && !(Array.isArray(betas) && betas.every((beta) => typeof beta === 'string'))) {
    return malformed('#/anthropic_beta', 'expected a list of strings');
  }
  return checkBody({ ...body, model });
}

/**
 * Checks a Messages request body: `model`, `max_tokens`, `messages` (the conversation rules of
 * {@link checkMessages}), `tools` and `tool_choice` ({@link checkTools}), and `stream`, a boolean
 * when present.
 */
export function checkBody(body: unknown): RequestProblem | undefined {
  if (!isObject(body)) return invalid('Request body must be a JSON object');
  const { model, max_tokens: maxTokens, messages, tools, tool_choice: toolChoice, stream } = body;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
