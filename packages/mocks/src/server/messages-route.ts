import { anthropicErrorBody } from '../error-bodies.ts';
import { createId } from '../ids.ts';
import { planMessageResponse } from '../plan-message-response.ts';
import { planResponse } from '../plan-response.ts';
import type { ErrorAnswer, Route, RouteAnswer, RouteRequest } from './route.ts';
import { checkBody, checkHeaders, checkReadable, type RequestProblem } from './validate-request.ts';

/**
 * The Messages API's `POST /v1/messages`, checked in the API's order (the key, then
 * `anthropic-version`, then the body): streamed with `stream: true`, otherwise the message as JSON.
 */
export const messagesRoute: Route = (path) => (path === '/v1/messages' ? answerMessages : undefined);

/** The API's error answer for a problem, with its `request-id`. */
export function anthropicError(problem: RequestProblem, requestId: string): ErrorAnswer {
  return {
    status: problem.status,
    headers: { 'content-type': 'application/json', 'request-id': requestId },
    body: JSON.stringify(anthropicErrorBody(problem.errorType, problem.message, requestId)),
  };
}

function answerMessages({ headers, text, json, apiKey, random }: RouteRequest): RouteAnswer {
  const body = json?.value;
  const problem = checkHeaders(headers, apiKey) ?? checkReadable(text, json) ?? checkBody(body);
  if (problem) return { refusal: anthropicError(problem, createId('req', random)) };
  const streaming = (body as { stream?: unknown }).stream === true;
  return { body, plan: streaming ? planResponse : planMessageResponse };
}
