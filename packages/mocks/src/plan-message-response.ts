import { anthropicErrorBody, HTTP_ERROR_TYPES } from './error-bodies.ts';
import { planResponse, type ResponsePlan, type ServeOptions } from './plan-response.ts';
import type { MockScenario } from './scenario-types.ts';

const encoder = new TextEncoder();

/**
 * Plans the answer to a request without `stream: true`: the scenario's whole message as JSON, once the
 * stream would have ended (its timing and stalls). What fails the stream fails this answer alike:
 * HTTP faults and a wrong content type as they are, an `error` step as its HTTP status and error body,
 * a dropped connection as a dropped connection, and a stream that ends early or carries a malformed
 * event as JSON cut short, which no client can parse.
 */
export function planMessageResponse(scenario: MockScenario, options: ServeOptions): ResponsePlan {
  const streamed = planResponse(scenario, { ...options, protocol: 'anthropic', resumable: false });
  if (!streamed.headers['content-type']?.startsWith('text/event-stream')) return streamed;
  const requestId = streamed.headers['request-id'] ?? '';
  const headers = { 'content-type': 'application/json', 'request-id': requestId };
  const delay = streamed.chunks.reduce((total, chunk) => total + chunk.delay, 0);
  const answer = (status: number, body: string, end: ResponsePlan['end'] = 'close'): ResponsePlan => ({
    status,
    headers,
    chunks: [{ delay, bytes: encoder.encode(body) }],
    end,
  });
  const failure = scenario.expectedError;
  if (streamed.end === 'drop') return answer(200, '', 'drop');
  if (failure?.kind === 'stream-event') {
    const event = scenario.events.find((candidate) => candidate.type === 'error') as
      | { error?: { type?: string; message?: string } }
      | undefined;
    const errorType = event?.error?.type ?? failure.errorType ?? 'api_error';
    const message = event?.error?.message ?? 'Internal server error';
    const status = Number(
      Object.keys(HTTP_ERROR_TYPES).find((code) => HTTP_ERROR_TYPES[Number(code)]?.type === errorType) ?? 500,
    );
    return answer(status, JSON.stringify(anthropicErrorBody(errorType, message, requestId)));
  }
  const json = JSON.stringify(scenario.expectedMessage);
  const broken = failure?.kind === 'incomplete' || failure?.kind === 'protocol';
  return answer(200, broken ? json.slice(0, Math.floor(json.length / 2)) : json);
}
