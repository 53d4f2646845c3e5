import type { IncomingHttpHeaders } from 'node:http';
import { planMessageResponse } from '../plan-message-response.ts';
import { planBedrockStream } from './bedrock-stream.ts';
import {
  amazonRequestId,
  BEDROCK_INVALID_TOKEN,
  bedrockError,
  bedrockErrorType,
  bedrockException,
  toPlatformPlan,
} from './platform-errors.ts';
import { decodeSegment, type Route, type RouteAnswer, type RouteRequest } from './route.ts';
import { bearerToken, checkPlatformBody, checkReadable } from './validate-request.ts';

/** Any prefix (the SDK keeps a base URL's path), then the model id, percent-encoded. */
const BEDROCK_PATH = /\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/u;
const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//u;

/**
 * Claude on Amazon Bedrock: `POST …/model/{modelId}/invoke-with-response-stream` (AWS event stream)
 * and `POST …/model/{modelId}/invoke` (the message as JSON). Auth is SigV4 or a Bedrock API key
 * (`Authorization: Bearer`), whose access key id or token must equal `apiKey` when one is set;
 * signatures are not verified. Refusals and HTTP faults are Bedrock's exceptions.
 */
export const bedrockRoute: Route = (path) => {
  const match = BEDROCK_PATH.exec(path);
  const model = decodeSegment(match?.[1]);
  if (model === undefined) return undefined;
  const streaming = match?.[2] === 'invoke-with-response-stream';
  return (request) => answerBedrock(request, model, streaming);
};

function answerBedrock(
  { headers, text, json, apiKey, random }: RouteRequest,
  model: string,
  streaming: boolean,
): RouteAnswer {
  const requestId = amazonRequestId(random);
  const credential = credentialOf(headers);
  if (credential === undefined) {
    return {
      refusal: bedrockError(
        403,
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
        requestId,
      ),
    };
  }
  if (apiKey !== undefined && credential !== apiKey) {
    return {
      refusal: bedrockError(
        403,
        bedrockErrorType('UnrecognizedClientException'),
        BEDROCK_INVALID_TOKEN,
        requestId,
      ),
    };
  }
  const body = json?.value;
  const problem = checkReadable(text, json) ?? checkPlatformBody(body, model, 'bedrock');
  if (problem) {
    const { status, name } = bedrockException(problem.errorType, problem.status);
    return { refusal: bedrockError(status, bedrockErrorType(name), problem.message, requestId) };
  }
  return {
    body,
    plan: streaming
      ? planBedrockStream
      : (scenario, options) => toPlatformPlan(planMessageResponse(scenario, options), 'bedrock'),
  };
}

/** The SigV4 access key id or the Bedrock API key, or undefined when the request has neither. */
function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const { authorization } = headers;
  return bearerToken(authorization) ?? (authorization ? SIGV4.exec(authorization)?.[1] : undefined);
}
