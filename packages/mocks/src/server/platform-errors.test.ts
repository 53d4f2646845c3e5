// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { contentScenarios } from '../catalogue-content.ts';
import { httpError } from '../faults.ts';
import { planResponse, type ResponsePlan } from '../plan-response.ts';
import { withFaults } from '../with-faults.ts';
import {
  bedrockException,
  bedrockStreamExceptionType,
  googleError,
  toPlatformPlan,
} from './platform-errors.ts';

const failing = (...args: Parameters<typeof httpError>): ResponsePlan =>
  planResponse(withFaults(contentScenarios.basic, httpError(...args)), { timing: 'instant' });
const bodyOf = (plan: ResponsePlan): unknown =>
  JSON.parse(Buffer.concat(plan.chunks.map((chunk) => chunk.bytes)).toString());

describe('bedrockException', () => {
  it.each([
    ['invalid_request_error', 400, 400, 'ValidationException'],
    ['authentication_error', 401, 403, 'UnrecognizedClientException'],
    ['permission_error', 403, 403, 'AccessDeniedException'],
    ['not_found_error', 404, 404, 'ResourceNotFoundException'],
    ['rate_limit_error', 429, 429, 'ThrottlingException'],
    ['api_error', 503, 500, 'InternalServerException'],
    ['overloaded_error', 529, 503, 'ServiceUnavailableException'],
    ['timeout_error', 504, 408, 'ModelTimeoutException'],
    ['billing_error', 402, 402, 'ValidationException'],
    ['request_too_large', 413, 413, 'ValidationException'],
    ['proxy_error', 502, 502, 'InternalServerException'],
  ])('maps %s (%i) to %i %s', (errorType, status, bedrockStatus, name) => {
    expect(bedrockException(errorType, status)).toEqual({ status: bedrockStatus, name });
  });

  it('names the in-stream exception in camelCase', () => {
    expect(bedrockStreamExceptionType('overloaded_error')).toBe('serviceUnavailableException');
    expect(bedrockStreamExceptionType('something_new')).toBe('internalServerException');
  });
});

describe('googleError', () => {
  it.each([
    [403, 'PERMISSION_DENIED'],
    [503, 'UNAVAILABLE'],
    [402, 'FAILED_PRECONDITION'],
    [502, 'INTERNAL'],
  ])('names %i %s', (status, name) => {
    expect(JSON.parse(googleError(status, 'No').body)).toEqual({
      error: { code: status, message: 'No', status: name },
    });
  });
});

/** What a test checks of a platform's error answer. */
const errorOf = (plan: ResponsePlan) => ({
  status: plan.status,
  body: bodyOf(plan),
  type: plan.headers['x-amzn-errortype'],
  challenge: plan.headers['www-authenticate'],
});

describe('toPlatformPlan', () => {
  it("words auth errors as Bedrock does, in AWS's auth namespace for a bad credential", () => {
    expect(errorOf(toPlatformPlan(failing(401), 'bedrock'))).toEqual({
      status: 403,
      body: { message: 'The security token included in the request is invalid.' },
      type: 'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/',
      challenge: undefined,
    });
    expect(errorOf(toPlatformPlan(failing(403), 'bedrock'))).toEqual({
      status: 403,
      body: { message: "You don't have access to the model with the specified model ID." },
      type: 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      challenge: undefined,
    });
  });

  it('words auth errors as Vertex AI does, naming the model it was refused', () => {
    const resource =
      '//aiplatform.googleapis.com/projects/p/locations/us-east5/publishers/anthropic/models/m';
    expect(errorOf(toPlatformPlan(failing(401), 'vertex', resource))).toEqual({
      status: 401,
      body: {
        error: {
          code: 401,
          message: expect.stringMatching(
            /^Request had invalid authentication credentials\. Expected OAuth 2/u,
          ),
          status: 'UNAUTHENTICATED',
        },
      },
      type: undefined,
      challenge: 'Bearer realm="https://accounts.google.com/"',
    });
    expect(bodyOf(toPlatformPlan(failing(403), 'vertex', resource))).toEqual({
      error: {
        code: 403,
        message: `Permission 'aiplatform.endpoints.predict' denied on resource '${resource}' (or it may not exist).`,
        status: 'PERMISSION_DENIED',
      },
    });
    expect(bodyOf(toPlatformPlan(failing(403), 'vertex'))).toMatchObject({
      error: { message: 'The caller does not have permission' },
    });
  });

  it('keeps a message the fault set, on an auth error too', () => {
    const own = failing(403, { message: 'Not for this workspace' });
    expect(bodyOf(toPlatformPlan(own, 'bedrock'))).toEqual({ message: 'Not for this workspace' });
    expect(bodyOf(toPlatformPlan(own, 'vertex', 'r'))).toMatchObject({
      error: { message: 'Not for this workspace' },
    });
  });

  it('keeps the retry headers a fault sets', () => {
    const plan = failing(503, { retryAfterMs: 20, shouldRetry: false });
    for (const platform of ['bedrock', 'vertex'] as const) {
      expect(toPlatformPlan(plan, platform).headers).toMatchObject({
        'retry-after-ms': '20',
        'x-should-retry': 'false',
      });
    }
  });

  it("keeps a body of the fault's own (a proxy's page), swapping request-id on Bedrock", () => {
    const plan = failing(413, { body: '<html>Too large</html>', contentType: 'text/html' });
    const bedrock = toPlatformPlan(plan, 'bedrock');
    expect(bedrock.chunks).toEqual(plan.chunks);
    expect(bedrock.headers).toEqual({
      'content-type': 'text/html',
      'x-amzn-requestid': expect.stringMatching(/^[\da-f-]{36}$/u),
    });
    expect(toPlatformPlan(plan, 'vertex')).toBe(plan);
  });

  it("passes a 529 through to Vertex AI with Anthropic's body", () => {
    const plan = failing(529);
    expect(toPlatformPlan(plan, 'vertex')).toBe(plan);
    expect(bodyOf(toPlatformPlan(plan, 'bedrock'))).toEqual({ message: 'Overloaded' });
  });

  it('keeps the delay and the end of an answer that waited for the stream', () => {
    const plan: ResponsePlan = {
      ...failing(500),
      chunks: [{ delay: 1200, bytes: failing(500).chunks[0]!.bytes }],
    };
    expect(toPlatformPlan(plan, 'vertex').chunks[0]?.delay).toBe(1200);
    expect(toPlatformPlan(plan, 'bedrock')).toMatchObject({ status: 500, end: 'close' });
  });
});
