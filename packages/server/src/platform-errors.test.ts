// @vitest-environment node
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { anthropicErrorType, readPlatformError } from './platform-errors.ts';
import { upstreamName } from './resolve-client.ts';
import { describeUpstreamError } from './upstream-error.ts';

const bedrockHeaders = (exception: string): Headers =>
  new Headers({
    'x-amzn-errortype': `${exception}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  });

describe('anthropicErrorType', () => {
  it("names Bedrock's exceptions, in either case, and Google's statuses as Anthropic does", () => {
    expect(anthropicErrorType('ThrottlingException')).toBe('rate_limit_error');
    expect(anthropicErrorType('throttlingException')).toBe('rate_limit_error');
    expect(anthropicErrorType('serviceUnavailableException')).toBe('overloaded_error');
    expect(anthropicErrorType('modelStreamErrorException')).toBe('api_error');
    expect(anthropicErrorType('ModelTimeoutException')).toBe('timeout_error');
    expect(anthropicErrorType('AccessDeniedException:http://internal.amazon.com/coral/x/')).toBe(
      'permission_error',
    );
    expect(anthropicErrorType('RESOURCE_EXHAUSTED')).toBe('rate_limit_error');
    expect(anthropicErrorType('UNAUTHENTICATED')).toBe('authentication_error');
  });

  it("leaves Anthropic's own types and names it does not know as they are", () => {
    for (const name of ['overloaded_error', 'rate_limit_error', 'api_error', 'SomethingNewException']) {
      expect(anthropicErrorType(name)).toBe(name);
    }
  });
});

describe('readPlatformError', () => {
  it("reads Bedrock's message and, from its header, its exception", () => {
    expect(
      readPlatformError(
        { message: 'Too many requests, please wait.' },
        bedrockHeaders('ThrottlingException'),
      ),
    ).toEqual({ type: 'rate_limit_error', message: 'Too many requests, please wait.' });
  });

  it("reads Google's error object, alone or as the one item of a list", () => {
    const google = { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } };
    expect(readPlatformError(google, new Headers())).toEqual({
      type: 'rate_limit_error',
      message: 'Quota exceeded.',
    });
    expect(readPlatformError([google], undefined)).toEqual({
      type: 'rate_limit_error',
      message: 'Quota exceeded.',
    });
  });

  it('reads nothing from a body that says nothing', () => {
    expect(readPlatformError(undefined, new Headers())).toEqual({ type: undefined, message: undefined });
    expect(readPlatformError({ message: '' }, undefined)).toEqual({ type: undefined, message: undefined });
  });
});

describe("describeUpstreamError, for a cloud platform's errors", () => {
  it("turns a Bedrock HTTP error into Anthropic's shape, with its message, type and request id", () => {
    const headers = bedrockHeaders('ServiceUnavailableException');
    const error = APIError.generate(
      503,
      { message: 'Bedrock is unable to process your request.' },
      undefined,
      headers,
    );
    expect(describeUpstreamError(error, undefined)).toEqual({
      status: 503,
      body: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Bedrock is unable to process your request.' },
      },
      headers: { 'request-id': 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111' },
    });
  });

  it('keeps the status of a Bedrock error whose exception it does not know, typed by the status', () => {
    const headers = bedrockHeaders('SomethingNewException');
    const error = APIError.generate(424, { message: 'The model failed.' }, undefined, headers);
    expect(describeUpstreamError(error, undefined).body.error).toEqual({
      type: 'invalid_request_error',
      message: 'The model failed.',
    });
  });

  it("turns a Vertex AI error into Anthropic's shape, with Google's message", () => {
    const error = APIError.generate(
      429,
      {
        error: {
          code: 429,
          message: 'Quota exceeded for aiplatform.googleapis.com.',
          status: 'RESOURCE_EXHAUSTED',
        },
      },
      undefined,
      new Headers(),
    );
    expect(describeUpstreamError(error, undefined)).toMatchObject({
      status: 429,
      body: { error: { type: 'rate_limit_error', message: 'Quota exceeded for aiplatform.googleapis.com.' } },
    });
  });

  it("names the error type of a Bedrock stream's exception as Anthropic does", () => {
    // What the SDK's stream throws for the error event AnthropicBedrock makes of an exception frame.
    const error = new APIError(
      undefined,
      { type: 'error', error: { type: 'throttlingException', message: 'Too many tokens.' } },
      undefined,
      new Headers(),
    );
    expect(describeUpstreamError(error, undefined).body.error).toEqual({
      type: 'rate_limit_error',
      message: 'Too many tokens.',
    });
  });

  it('redacts the key from a platform message that quotes it', () => {
    const error = APIError.generate(
      403,
      { message: 'Bad key sk-bedrock-secret-1' },
      undefined,
      new Headers(),
    );
    expect(describeUpstreamError(error, 'sk-bedrock-secret-1').body.error.message).toBe('Bad key [redacted]');
  });
});

describe('upstreamName', () => {
  it('names the API each client talks to, for the messages of failures that reach no answer', () => {
    expect(upstreamName(new Anthropic({ apiKey: 'k' }))).toBe('the Anthropic API');
    expect(upstreamName(new AnthropicBedrock({ awsRegion: 'eu-west-1', apiKey: 'k' }))).toBe(
      'Amazon Bedrock',
    );
    const authClient = new OAuth2Client();
    expect(upstreamName(new AnthropicVertex({ region: 'us-east5', projectId: 'p', authClient }))).toBe(
      'Vertex AI',
    );
    const timeout = describeUpstreamError(new APIConnectionError({ message: 'x' }), undefined, 'Vertex AI');
    expect(timeout.body.error.message).toBe('Could not reach Vertex AI.');
  });
});
