import { planMessageResponse } from '../plan-message-response.ts';
import { planResponse } from '../plan-response.ts';
import {
  googleError,
  googleUnauthenticated,
  toPlatformPlan,
  VERTEX_INVALID_CREDENTIALS,
  VERTEX_MISSING_CREDENTIALS,
} from './platform-errors.ts';
import { decodeSegment, type Route, type RouteAnswer, type RouteRequest } from './route.ts';
import { bearerToken, checkPlatformBody, checkReadable } from './validate-request.ts';

/** Any prefix (`/v1`), then the project, region and `{model}:{method}`, percent-encoded. */
const VERTEX_PATH = /\/(projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/)([^/]+)$/u;
const METHOD = /^(.+):(rawPredict|streamRawPredict)$/u;

/**
 * Claude on Google Vertex AI: `POST …/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:streamRawPredict`
 * (Anthropic SSE, as `/v1/messages` streams it) and `…:rawPredict` (the message as JSON). Auth is
 * an OAuth bearer token, which must equal `apiKey` when one is set. Refusals and HTTP faults are
 * Google's errors, except a 529, which Vertex AI passes through from the model as Anthropic's.
 */
export const vertexRoute: Route = (path) => {
  const match = VERTEX_PATH.exec(path);
  const method = METHOD.exec(decodeSegment(match?.[2]) ?? '');
  const model = method?.[1];
  // Vertex AI counts tokens at `count-tokens:rawPredict`, which this fake does not implement.
  if (model === undefined || model === 'count-tokens') return undefined;
  const streaming = method?.[2] === 'streamRawPredict';
  // How Google names the model in a permission error.
  const resource = `//aiplatform.googleapis.com/${match?.[1] ?? ''}${model}`;
  return (request) => answerVertex(request, resource, model, streaming);
};

function answerVertex(
  { headers, text, json, apiKey }: RouteRequest,
  resource: string,
  model: string,
  streaming: boolean,
): RouteAnswer {
  const token = bearerToken(headers.authorization);
  if (token === undefined || (apiKey !== undefined && token !== apiKey)) {
    return {
      refusal: googleUnauthenticated(
        token === undefined ? VERTEX_MISSING_CREDENTIALS : VERTEX_INVALID_CREDENTIALS,
      ),
    };
  }
  const body = json?.value;
  const problem = checkReadable(text, json) ?? checkPlatformBody(body, model, 'vertex');
  if (problem) return { refusal: googleError(problem.status, problem.message) };
  return {
    body,
    plan: (scenario, options) =>
      toPlatformPlan(
        streaming
          ? planResponse(scenario, { ...options, protocol: 'anthropic', resumable: false })
          : planMessageResponse(scenario, options),
        'vertex',
        resource,
      ),
  };
}
