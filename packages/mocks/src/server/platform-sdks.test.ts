// @vitest-environment node
import Anthropic from '@anthropic-ai/sdk';
import AnthropicBedrock, { type ClientOptions } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { scenario } from '../builder.ts';
import { contentScenarios } from '../catalogue-content.ts';
import { faultScenarios } from '../catalogue-faults.ts';
import { dropConnection, failFirst, httpError } from '../faults.ts';
import type { MockScenario } from '../scenario-types.ts';
import { jsonClone } from '../test/sse-events.ts';
import { withFaults } from '../with-faults.ts';
import { createFakeAnthropicServer, type FakeAnthropicServer } from './fake-anthropic-server.ts';

/** The server's `apiKey`: the Bedrock access key id (or API key) and the Vertex AI token. */
const KEY = 'AKIDEXAMPLE';
const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929';
const extra: Record<string, MockScenario> = {
  flakyFast: withFaults(contentScenarios.basic, failFirst(2, httpError(529, { retryAfterMs: 5 })), {
    name: 'flakyFast',
  }),
  timedOut: withFaults(contentScenarios.basic, httpError(504), { name: 'timedOut' }),
  forbidden: withFaults(contentScenarios.basic, httpError(403), { name: 'forbidden' }),
  dropEarly: withFaults(contentScenarios.longAnswer, dropConnection(850), { name: 'dropEarly' }),
  dropLate: withFaults(contentScenarios.longAnswer, dropConnection(2900), { name: 'dropLate' }),
  dropInSearch: withFaults(contentScenarios.webSearch, dropConnection(1800), { name: 'dropInSearch' }),
  throttledMidStream: scenario('throttledMidStream').text('Partial').error('rate_limit_error', 'Slow down'),
};
const catalogue: Record<string, MockScenario> = { ...contentScenarios, ...faultScenarios, ...extra };

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await createFakeAnthropicServer({ apiKey: KEY, timing: 'instant', scenarios: catalogue });
});
afterAll(async () => {
  await server.close();
});

// The SDK logs the unparsable event of malformedEvent before it throws; the clients keep quiet.
function bedrock(options: Partial<ClientOptions> = {}, baseURL = server.baseURL): AnthropicBedrock {
  return new AnthropicBedrock({
    awsAccessKey: KEY,
    awsSecretKey: 'secret',
    awsRegion: 'us-east-1',
    baseURL,
    maxRetries: 0,
    logLevel: 'off',
    ...options,
  } as ClientOptions & { awsAccessKey: string; awsSecretKey: string });
}

/** A Vertex AI client whose Google auth client has its token already: no network. */
function vertex(token = KEY, baseURL = `${server.baseURL}/v1`, maxRetries = 0): AnthropicVertex {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: token });
  return new AnthropicVertex({
    region: 'us-east5',
    projectId: 'my-project',
    baseURL,
    authClient,
    maxRetries,
    logLevel: 'off',
  });
}

type Client = AnthropicBedrock | AnthropicVertex;

const asking = (name: string, model: string) => ({
  model,
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: `[scenario:${name}]` }],
});
const modelFor = (client: Client) => (client instanceof AnthropicBedrock ? BEDROCK_MODEL : VERTEX_MODEL);
const stream = (client: Client, name: string) => client.messages.stream(asking(name, modelFor(client)));
const create = (client: Client, name: string) => client.messages.create(asking(name, modelFor(client)));

/** The SDK adds `parsed_output` (structured outputs) to every final message; it is not on the wire. */
function withoutParsedOutput(message: unknown): unknown {
  const { parsed_output: _sdkOnly, ...rest } = jsonClone(message) as Record<string, unknown>;
  return rest;
}

/** The SDK error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof AnthropicBedrock.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AnthropicBedrock.APIError);
  return error as InstanceType<typeof AnthropicBedrock.APIError>;
}

/** What a test checks of an SDK error: class, status, body and Bedrock's error type header. */
async function failureOf(promise: Promise<unknown>) {
  const error = await rejection(promise);
  return {
    class: error.constructor.name,
    status: error.status,
    body: error.error,
    errorType: error.headers?.get('x-amzn-errortype') ?? null,
  };
}

/** The streamed and the non-streamed request alike. */
const bothWays = (client: () => Client, name: string) => [
  () => stream(client(), name).finalMessage(),
  () => create(client(), name),
];

const credentialHelp =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const namespaced = (name: string, namespace = 'com.amazon.bedrock') =>
  `${name}:http://internal.amazon.com/coral/${namespace}/`;
const googleError = (code: number, message: string, status: string) => ({ error: { code, message, status } });
const faultMessage = (name: string) => {
  const fault = catalogue[name]?.faults[0];
  return fault?.kind === 'http-error' ? fault.message : '';
};

/** What the SDK sends to Vertex AI: no model, an anthropic_version. */
const wireBody = (name: string) => ({
  ...asking(name, VERTEX_MODEL),
  model: undefined,
  anthropic_version: 'vertex-2023-10-16',
});

/** A request straight to a Vertex AI route, for what the SDK never sends. */
function postToVertex(
  body: unknown,
  {
    headers = { authorization: `Bearer ${KEY}` },
    baseURL = server.baseURL,
    segment = `${VERTEX_MODEL}:streamRawPredict`,
  }: { headers?: Record<string, string>; baseURL?: string; segment?: string } = {},
) {
  return fetch(`${baseURL}/v1/projects/p/locations/us-east5/publishers/anthropic/models/${segment}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe.each([
  {
    platform: 'Bedrock',
    client: (baseURL?: string): Client => bedrock({}, baseURL),
    malformed: /Could not parse a Bedrock chunk into JSON/u,
  },
  { platform: 'Vertex AI', client: (baseURL?: string): Client => vertex(KEY, baseURL), malformed: /JSON/u },
])('through the $platform SDK', ({ client, malformed }) => {
  it.each(
    [...Object.values(contentScenarios), faultScenarios.oversizedEvent].map(
      (entry) => [entry.name, entry] as const,
    ),
  )('streams %s to its expected message', async (_name, entry: MockScenario) => {
    const message = await stream(client(), entry.name).finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(entry.expectedMessage));
  });

  it.each(Object.values(contentScenarios).map((entry) => [entry.name, entry] as const))(
    'answers %s with its message from messages.create()',
    async (_name, entry: MockScenario) => {
      expect(jsonClone(await create(client(), entry.name))).toEqual(jsonClone(entry.expectedMessage));
    },
  );

  it.each([
    ['one byte', 1],
    ['1 to 7 bytes', { min: 1, max: 7 }],
  ] as const)('reads a body cut %s at a time, with every SSE framing variation', async (_case, chunks) => {
    const split = await createFakeAnthropicServer({
      timing: 'instant',
      chunks,
      encoding: { lineEnding: '\r\n', comments: true, padJson: 2, splitData: true, bom: true },
    });
    onTestFinished(() => split.close());
    const splitClient = client(split.baseURL);
    for (const entry of [contentScenarios.unicode, contentScenarios.webSearch]) {
      const message = await stream(splitClient, entry.name).finalMessage();
      expect(withoutParsedOutput(message)).toEqual(jsonClone(entry.expectedMessage));
    }
  });

  it('streams Anthropic events whatever `protocol` and `resumable` say (they describe a relay)', async () => {
    const relayLike = await createFakeAnthropicServer({
      timing: 'instant',
      protocol: 'text',
      resumable: true,
    });
    onTestFinished(() => relayLike.close());
    const message = await stream(client(relayLike.baseURL), 'toolUse').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(contentScenarios.toolUse.expectedMessage));
  });

  it.each([
    ['noMessageStop', /stream ended without producing a Message/u],
    ['malformedEvent', malformed],
    ['droppedConnection', /Connection error/u],
    ['wrongContentType', /without sending any chunks/u],
  ] as const)('fails the stream for %s', async (name, message) => {
    await expect(stream(client(), name).finalMessage()).rejects.toThrow(message);
  });

  it('keeps the retry-after header of a fault', async () => {
    expect((await rejection(create(client(), 'rateLimited'))).headers?.get('retry-after')).toBe('1');
  });

  it('drops the connection for dropConnection and records it', async () => {
    server.reset();
    await expect(stream(client(), 'droppedConnection').finalMessage()).rejects.toThrow(/Connection error/u);
    await server.settled();
    expect(server.requests[0]).toMatchObject({ outcome: 'dropped', completed: false });
  });

  it('records a stream the client aborts', async () => {
    server.reset();
    const stalled = stream(client(), 'stalled');
    const ended = stalled.done().catch((caught: unknown) => caught);
    await new Promise<void>((resolve) => stalled.once('streamEvent', () => resolve()));
    stalled.abort();
    expect(await ended).toBeInstanceOf(AnthropicBedrock.APIUserAbortError);
    await server.settled();
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false, outcome: 'aborted' });
  });
});

describe('HTTP faults', () => {
  const vertexResource = `//aiplatform.googleapis.com/projects/my-project/locations/us-east5/publishers/anthropic/models/${VERTEX_MODEL}`;
  it.each([
    // fault; Bedrock: SDK error, status, exception; Vertex AI: SDK error, status, Google's status;
    // what each platform says instead of the fault's message, where it has words of its own.
    ['badRequest', 'BadRequestError', 400, 'ValidationException', 'BadRequestError', 400, 'INVALID_ARGUMENT'],
    [
      'unauthorized',
      'PermissionDeniedError',
      403,
      'UnrecognizedClientException',
      'AuthenticationError',
      401,
      'UNAUTHENTICATED',
      {
        bedrock: 'The security token included in the request is invalid.',
        namespace: 'com.amazon.coral.service',
        vertex: `Request had invalid authentication credentials. ${credentialHelp}`,
      },
    ],
    [
      'forbidden',
      'PermissionDeniedError',
      403,
      'AccessDeniedException',
      'PermissionDeniedError',
      403,
      'PERMISSION_DENIED',
      {
        bedrock: "You don't have access to the model with the specified model ID.",
        vertex: `Permission 'aiplatform.endpoints.predict' denied on resource '${vertexResource}' (or it may not exist).`,
      },
    ],
    ['notFound', 'NotFoundError', 404, 'ResourceNotFoundException', 'NotFoundError', 404, 'NOT_FOUND'],
    [
      'requestTooLarge',
      'ContentTooLargeError',
      413,
      'ValidationException',
      'ContentTooLargeError',
      413,
      'FAILED_PRECONDITION',
    ],
    [
      'rateLimited',
      'RateLimitError',
      429,
      'ThrottlingException',
      'RateLimitError',
      429,
      'RESOURCE_EXHAUSTED',
    ],
    [
      'serverError',
      'InternalServerError',
      500,
      'InternalServerException',
      'InternalServerError',
      500,
      'INTERNAL',
    ],
    [
      'timedOut',
      'RequestTimeoutError',
      408,
      'ModelTimeoutException',
      'GatewayTimeoutError',
      504,
      'DEADLINE_EXCEEDED',
    ],
  ] as const)(
    '%s: Bedrock answers a %s, %i %s; Vertex AI a %s, %i %s',
    async (
      name,
      bedrockClass,
      bedrockStatus,
      exception,
      vertexClass,
      vertexStatus,
      googleStatus,
      words: { bedrock?: string; namespace?: string; vertex?: string } = {},
    ) => {
      const message = faultMessage(name);
      for (const request of bothWays(bedrock, name)) {
        expect(await failureOf(request())).toEqual({
          class: bedrockClass,
          status: bedrockStatus,
          body: { message: words.bedrock ?? message },
          errorType: namespaced(exception, words.namespace),
        });
      }
      for (const request of bothWays(vertex, name)) {
        expect(await failureOf(request())).toEqual({
          class: vertexClass,
          status: vertexStatus,
          body: googleError(vertexStatus, words.vertex ?? message, googleStatus),
          errorType: null,
        });
      }
    },
  );

  it("overloaded: Bedrock answers 503 ServiceUnavailableException; Vertex AI passes Anthropic's 529 through", async () => {
    for (const request of bothWays(bedrock, 'overloaded')) {
      expect(await failureOf(request())).toEqual({
        class: 'ServiceUnavailableError',
        status: 503,
        body: { message: 'Overloaded' },
        errorType: namespaced('ServiceUnavailableException'),
      });
    }
    for (const request of bothWays(vertex, 'overloaded')) {
      const error = await rejection(request());
      expect(error).toBeInstanceOf(AnthropicVertex.OverloadedError);
      expect([error.status, error.type]).toEqual([529, 'overloaded_error']);
    }
  });
});

/** The text a stream delivered before it failed. */
async function textBeforeTheDrop(messages: {
  on(event: 'text', listener: (text: string) => void): { finalMessage(): Promise<unknown> };
}): Promise<string> {
  let text = '';
  await expect(messages.on('text', (delta) => (text += delta)).finalMessage()).rejects.toThrow(
    /Connection error/u,
  );
  return text;
}

describe('dropConnection', () => {
  it.each(['droppedConnection', 'dropEarly', 'dropLate', 'dropInSearch'])(
    '%s: Bedrock and Vertex AI deliver the partial answer /v1/messages does',
    async (name) => {
      const anthropic = new Anthropic({ apiKey: KEY, baseURL: server.baseURL, maxRetries: 0 });
      const direct = await textBeforeTheDrop(anthropic.messages.stream(asking(name, 'claude-sonnet-4-6')));
      expect(direct.length).toBeGreaterThan(0);
      expect(await textBeforeTheDrop(stream(bedrock(), name))).toBe(direct);
      expect(await textBeforeTheDrop(stream(vertex(), name))).toBe(direct);
    },
  );
});

describe('Bedrock', () => {
  it('takes the model from the path, after any prefix, percent-encoded, and records the request', async () => {
    server.reset();
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5';
    const client = bedrock({}, `${server.baseURL}/bedrock`);
    await client.messages.stream(asking('basic', arn)).finalMessage();
    await create(client, 'toolUse');
    await server.settled();
    expect(server.requests).toMatchObject([
      {
        path: `/bedrock/model/${arn.replace('/', '%2F')}/invoke-with-response-stream`,
        scenario: 'basic',
        status: 200,
        completed: true,
      },
      { path: `/bedrock/model/${BEDROCK_MODEL}/invoke`, scenario: 'toolUse', status: 200 },
    ]);
    for (const { body, headers } of server.requests) {
      expect(body).toMatchObject({ anthropic_version: expect.any(String), max_tokens: 1024 });
      expect(body).not.toHaveProperty('model');
      expect(body).not.toHaveProperty('stream');
      expect(headers['authorization']).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY}/`, 'u'));
    }
  });

  it('answers with x-amzn-requestid instead of request-id', async () => {
    const { data, response } = await stream(bedrock(), 'basic').withResponse();
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[\da-f]{8}-[\da-f]{4}-/u);
    expect(response.headers.get('request-id')).toBeNull();
    await data.finalMessage();
  });

  it('accepts a Bedrock API key as a bearer token', async () => {
    const message = await stream(bedrock({ apiKey: KEY }), 'basic').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(contentScenarios.basic.expectedMessage));
    expect(server.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  const unrecognized = namespaced('UnrecognizedClientException', 'com.amazon.coral.service');
  it.each([
    [
      'no credentials',
      { skipAuth: true },
      'MissingAuthenticationTokenException',
      'Missing Authentication Token',
    ],
    [
      'another access key',
      { awsAccessKey: 'AKIDOTHER' },
      unrecognized,
      'The security token included in the request is invalid.',
    ],
    [
      'another API key',
      { apiKey: 'wrong' },
      unrecognized,
      'The security token included in the request is invalid.',
    ],
  ] as const)('refuses %s with 403', async (_case, options, errorType, message) => {
    for (const request of bothWays(() => bedrock(options), 'basic')) {
      expect(await failureOf(request())).toEqual({
        class: 'PermissionDeniedError',
        status: 403,
        body: { message },
        errorType,
      });
    }
  });

  it('refuses a body without anthropic_version with 400 ValidationException', async () => {
    const client = bedrock({ defaultHeaders: { 'anthropic-version': null } });
    expect(await failureOf(create(client, 'basic'))).toEqual({
      class: 'BadRequestError',
      status: 400,
      body: {
        message:
          'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.',
      },
      errorType: namespaced('ValidationException'),
    });
  });

  it.each([
    ['max_tokens: 0', { max_tokens: 0 }, 'max_tokens: Field required (a positive integer)'],
    ['no messages', { messages: [] }, 'messages: at least one message is required'],
  ])('refuses a body with %s with 400 ValidationException', async (_case, change, message) => {
    const request = bedrock().messages.create({ ...asking('basic', BEDROCK_MODEL), ...change });
    expect(await failureOf(request)).toEqual({
      class: 'BadRequestError',
      status: 400,
      body: { message },
      errorType: namespaced('ValidationException'),
    });
  });

  it.each([
    ['a body that is not JSON', '{"max_tokens":', 'Invalid JSON in request body'],
    [
      'a model in the body',
      JSON.stringify({ ...asking('basic', BEDROCK_MODEL), anthropic_version: 'bedrock-2023-05-31' }),
      'Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again.',
    ],
  ])('refuses %s with 400 ValidationException', async (_case, body, message) => {
    const response = await fetch(`${server.baseURL}/model/${BEDROCK_MODEL}/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body,
    });
    expect([response.status, response.headers.get('x-amzn-errortype'), await response.json()]).toEqual([
      400,
      namespaced('ValidationException'),
      { message },
    ]);
  });

  it('lets the SDK retry through failFirst', async () => {
    server.reset();
    const message = await stream(bedrock({ maxRetries: 2 }), 'flakyFast').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(contentScenarios.basic.expectedMessage));
    expect(server.requests.map((request) => request.status)).toEqual([503, 503, 200]);
  });

  it.each([
    ['overloadedMidStream', 'serviceUnavailableException', 'Overloaded'],
    ['throttledMidStream', 'throttlingException', 'Slow down'],
  ])('ends %s with the exception the SDK names %s', async (name, type, message) => {
    const texts: string[] = [];
    const error = await rejection(
      stream(bedrock(), name)
        .on('text', (text) => texts.push(text))
        .finalMessage(),
    );
    expect([error.type, error.error]).toEqual([type, { type: 'error', error: { type, message } }]);
    expect(texts.length).toBeGreaterThan(0);
  });

  it('answers an in-stream error to messages.create() with its exception', async () => {
    expect(await failureOf(create(bedrock(), 'overloadedMidStream'))).toEqual({
      class: 'ServiceUnavailableError',
      status: 503,
      body: { message: 'Overloaded' },
      errorType: namespaced('ServiceUnavailableException'),
    });
  });
});

describe('Vertex AI', () => {
  it('takes the model from the path, after any prefix, and records the request', async () => {
    server.reset();
    await stream(vertex(), 'basic').finalMessage();
    await vertex().messages.create(asking('toolUse', 'claude;v2'));
    await server.settled();
    const models = '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models';
    expect(server.requests).toMatchObject([
      { path: `${models}/${VERTEX_MODEL}:streamRawPredict`, scenario: 'basic', status: 200, completed: true },
      { path: `${models}/claude%3Bv2:rawPredict`, scenario: 'toolUse', status: 200 },
    ]);
    expect(server.requests.map((request) => request.body)).toMatchObject([
      { anthropic_version: expect.any(String), stream: true },
      { anthropic_version: expect.any(String) },
    ]);
    for (const { body, headers } of server.requests) {
      expect(body).not.toHaveProperty('model');
      expect(headers['authorization']).toBe(`Bearer ${KEY}`);
    }
  });

  it('refuses a request without a bearer token with 401 UNAUTHENTICATED', async () => {
    const response = await postToVertex(wireBody('basic'), { headers: {} });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/"');
    expect(await response.json()).toEqual(
      googleError(
        401,
        `Request is missing required authentication credential. ${credentialHelp}`,
        'UNAUTHENTICATED',
      ),
    );
  });

  it('refuses another token with 401 UNAUTHENTICATED', async () => {
    for (const request of bothWays(() => vertex('expired-token'), 'basic')) {
      expect(await failureOf(request())).toEqual({
        class: 'AuthenticationError',
        status: 401,
        body: googleError(
          401,
          `Request had invalid authentication credentials. ${credentialHelp}`,
          'UNAUTHENTICATED',
        ),
        errorType: null,
      });
    }
  });

  it.each([
    [
      'no anthropic_version',
      { ...wireBody('basic'), anthropic_version: undefined },
      'anthropic_version: Field required',
    ],
    ['a body that is not JSON', '{"max_tokens":', 'Invalid JSON in request body'],
  ])('refuses %s with 400 INVALID_ARGUMENT', async (_case, body, message) => {
    const response = await postToVertex(body);
    expect([response.status, await response.json()]).toEqual([
      400,
      googleError(400, message, 'INVALID_ARGUMENT'),
    ]);
  });

  it('refuses a body the API would refuse with 400 INVALID_ARGUMENT', async () => {
    expect(
      await failureOf(vertex().messages.create({ ...asking('basic', VERTEX_MODEL), max_tokens: 0 })),
    ).toEqual({
      class: 'BadRequestError',
      status: 400,
      body: googleError(400, 'max_tokens: Field required (a positive integer)', 'INVALID_ARGUMENT'),
      errorType: null,
    });
  });

  it('decodes the last segment, a method name percent-encoded too', async () => {
    const response = await postToVertex(wireBody('toolUse'), {
      segment: encodeURIComponent(`${VERTEX_MODEL}:rawPredict`),
    });
    expect(jsonClone(await response.json())).toEqual(jsonClone(contentScenarios.toolUse.expectedMessage));
  });

  it('streams the SSE of the Messages API, without the event ids of a resumable relay', async () => {
    const relayLike = await createFakeAnthropicServer({ timing: 'instant', resumable: true });
    onTestFinished(() => relayLike.close());
    const response = await postToVertex(wireBody('basic'), { baseURL: relayLike.baseURL });
    expect(await response.text()).toMatch(/^event: message_start\ndata: /u);
  });

  it('does not count tokens (404)', async () => {
    const response = await fetch(
      `${server.baseURL}/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict`,
      { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{}' },
    );
    expect(response.status).toBe(404);
  });

  it('lets the SDK retry through failFirst', async () => {
    server.reset();
    const message = await stream(vertex(KEY, undefined, 2), 'flakyFast').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(contentScenarios.basic.expectedMessage));
    expect(server.requests.map((request) => request.status)).toEqual([529, 529, 200]);
  });

  it('ends overloadedMidStream with its Anthropic error event', async () => {
    expect((await rejection(stream(vertex(), 'overloadedMidStream').finalMessage())).type).toBe(
      'overloaded_error',
    );
  });
});
