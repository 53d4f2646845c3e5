import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentScenarios } from '../catalogue-content.ts';
import { jpeg } from '../test/image-headers.ts';
import { readSSE } from '../test/sse-events.ts';
import { createFakeAnthropicServer, type FakeAnthropicServer } from './fake-anthropic-server.ts';

const open: FakeAnthropicServer[] = [];
async function start(
  options: Parameters<typeof createFakeAnthropicServer>[0] = {},
): Promise<FakeAnthropicServer> {
  const server = await createFakeAnthropicServer({ timing: 'instant', ...options });
  open.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const validBody = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  stream: true,
  messages: [{ role: 'user', content: 'Hello' }],
};
const validHeaders = {
  'x-api-key': 'sk-test',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};

function post(
  server: FakeAnthropicServer,
  body: unknown,
  headers: Record<string, string> = validHeaders,
  signal?: AbortSignal,
) {
  return fetch(server.url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** The parts of an error response a test checks: status, error type, and a request-id header matching the body. */
async function errorOf(
  response: Response,
): Promise<{ status: number; type: string; requestIdMatches: boolean }> {
  const body = (await response.json()) as {
    type: string;
    error: { type: string; message: string };
    request_id: string;
  };
  return {
    status: response.status,
    type:
      body.type === 'error' && typeof body.error.message === 'string'
        ? body.error.type
        : 'not an Anthropic error',
    requestIdMatches:
      response.headers.get('request-id') === body.request_id && body.request_id.startsWith('req_'),
  };
}

const refused = (
  status: number,
  type: string,
): { status: number; type: string; requestIdMatches: boolean } => ({ status, type, requestIdMatches: true });

const { 'x-api-key': _droppedKey, ...withoutKey } = validHeaders;
const { 'anthropic-version': _droppedVersion, ...withoutVersion } = validHeaders;
const unauthorized = { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
const noVersion = {
  status: 400,
  type: 'invalid_request_error',
  message: 'anthropic-version: header is required',
};
const answerOf = async (response: Response) => {
  const { error } = (await response.json()) as { error: { type: string; message: string } };
  return { status: response.status, type: error.type, message: error.message };
};

describe('createFakeAnthropicServer', () => {
  it('listens on 127.0.0.1 and streams the scenario', async () => {
    const server = await start();
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(server.url).toBe(`${server.baseURL}/v1/messages`);
    const response = await post(server, validBody);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    if (!response.body) throw new Error('no body');
    const events = (await readSSE(response.body)).map((message) => JSON.parse(message.data) as unknown);
    expect(events).toEqual(contentScenarios.basic.events);
    await server.settled();
    expect(server.requests[0]).toMatchObject({
      path: '/v1/messages',
      body: validBody,
      completed: true,
      aborted: false,
    });
  });

  it('starts, streams and stops where a DOM library replaced AbortController (happy-dom under bun test)', async () => {
    /** A signal of a DOM library's own: an event target Node's `events` module does not know. */
    class ForeignSignal {
      aborted = false;
      reason: unknown;
      readonly #listeners = new Set<() => void>();
      addEventListener(_type: string, listener: () => void): void {
        this.#listeners.add(listener);
      }
      removeEventListener(_type: string, listener: () => void): void {
        this.#listeners.delete(listener);
      }
      throwIfAborted(): void {
        if (this.aborted) throw this.reason;
      }
      abort(reason: unknown): void {
        this.aborted = true;
        this.reason = reason;
        for (const listener of this.#listeners) listener();
      }
    }
    vi.stubGlobal(
      'AbortController',
      class {
        readonly signal = new ForeignSignal();
        abort(reason?: unknown): void {
          this.signal.abort(reason);
        }
      },
    );
    let server: FakeAnthropicServer;
    try {
      server = await start();
    } finally {
      vi.unstubAllGlobals();
    }
    const response = await post(server, validBody);
    expect((await readSSE(response.body!)).length).toBe(contentScenarios.basic.events.length);
  });

  it('binds a fixed port when asked', async () => {
    const probe = await createFakeAnthropicServer();
    const port = Number(new URL(probe.baseURL).port);
    await probe.close();
    const server = await start({ port });
    expect(server.baseURL).toBe(`http://127.0.0.1:${port}`);
  });

  it('requires an API key (x-api-key or a bearer token), matching apiKey when set', async () => {
    const server = await start({ apiKey: 'sk-right' });
    const { 'x-api-key': _key, ...noKey } = validHeaders;
    expect(await errorOf(await post(server, validBody, noKey))).toEqual(refused(401, 'authentication_error'));
    expect(
      await errorOf(await post(server, validBody, { ...validHeaders, 'x-api-key': 'sk-wrong' })),
    ).toEqual(refused(401, 'authentication_error'));
    expect((await post(server, validBody, { ...noKey, authorization: 'Bearer sk-right' })).status).toBe(200);
    expect((await post(server, validBody, { ...validHeaders, 'x-api-key': 'sk-right' })).status).toBe(200);
  });

  it('requires anthropic-version', async () => {
    const server = await start();
    const { 'anthropic-version': _version, ...headers } = validHeaders;
    expect(await errorOf(await post(server, validBody, headers))).toEqual(
      refused(400, 'invalid_request_error'),
    );
  });

  it.each([
    ['no key and a body that is not JSON', withoutKey, '{"model":', unauthorized],
    ['no key and a body the API would refuse', withoutKey, { ...validBody, max_tokens: 0 }, unauthorized],
    ['no anthropic-version and a body that is not JSON', withoutVersion, '{"model":', noVersion],
    ['no anthropic-version and a body the API would refuse', withoutVersion, [1, 2], noVersion],
  ])(
    'checks the key, then anthropic-version, then the body, as the API: %s',
    async (_case, headers, body, answer) => {
      const server = await start();
      expect(await answerOf(await post(server, body, headers))).toEqual(answer);
      await server.settled();
      expect(server.requests[0]).toMatchObject({ status: answer.status, body });
    },
  );

  it('refuses a body over 32 MB without a key or anthropic-version for those first, then serves the next requests', async () => {
    const server = await start();
    const huge = { ...validBody, padding: 'x'.repeat(33 * 1024 * 1024) };
    const outcomes: (number | string)[] = [];
    for (const [headers, answer] of [
      [withoutKey, unauthorized],
      [withoutVersion, noVersion],
    ] as const) {
      const refusal = await post(server, huge, headers);
      expect(refusal.headers.get('connection')).toBe('close');
      expect(await answerOf(refusal)).toEqual(answer);
      for (let request = 0; request < 2; request++) {
        outcomes.push(
          await post(server, validBody).then(
            async (response) => (await response.text(), response.status),
            (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
          ),
        );
      }
    }
    expect(outcomes).toEqual([200, 200, 200, 200]);
  });

  it.each([
    ['not JSON', '{"model":'],
    ['not an object', [1, 2]],
    ['no model', { ...validBody, model: undefined }],
    ['bad max_tokens', { ...validBody, max_tokens: 0 }],
    ['no messages', { ...validBody, messages: [] }],
    ['a blank message', { ...validBody, messages: [{ role: 'user', content: ' ' }] }],
    [
      'a tool_use left unanswered',
      {
        ...validBody,
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'w', input: {} }] },
          { role: 'user', content: 'Never mind' },
        ],
      },
    ],
    [
      'a PDF sent as an image',
      {
        ...validBody,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } },
            ],
          },
        ],
      },
    ],
    ['a stream that is not a boolean', { ...validBody, stream: 'yes' }],
    ['a tool without input_schema', { ...validBody, tools: [{ name: 'get_weather' }] }],
    [
      'a tool_choice naming an undeclared tool',
      { ...validBody, tool_choice: { type: 'tool', name: 'get_weather' } },
    ],
  ])('refuses a body with %s (400 invalid_request_error)', async (_case, body) => {
    const server = await start();
    expect(await errorOf(await post(server, body))).toEqual(refused(400, 'invalid_request_error'));
    expect(server.requests[0]?.status).toBe(400);
  });

  it('answers a body over 32 MB with 413, and the next requests on pooled connections still work', async () => {
    const server = await start();
    // A MiB over the limit: the rest of the upload is still on its way when the 413 goes out.
    const huge = { ...validBody, padding: 'x'.repeat(33 * 1024 * 1024) };
    const outcomes: (number | string)[] = [];
    for (let round = 0; round < 2; round++) {
      const refusal = await post(server, huge);
      expect(await errorOf(refusal)).toEqual(refused(413, 'request_too_large'));
      expect(refusal.headers.get('connection')).toBe('close');
      // fetch keeps connections alive and reuses them: one closed under the 413 used to fail the next.
      for (let request = 0; request < 4; request++) {
        outcomes.push(
          await post(server, validBody).then(
            async (response) => (await response.text(), response.status),
            (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
          ),
        );
      }
    }
    expect(outcomes).toEqual(Array.from({ length: 8 }, () => 200));
  });

  it('keeps the newest maxRequests requests in server.requests, and counts them all', async () => {
    const server = await start({ maxRequests: 1 });
    for (const content of ['First', 'Second']) {
      await (await post(server, { ...validBody, messages: [{ role: 'user', content }] })).arrayBuffer();
    }
    await server.settled();
    expect(server.requests.map((request) => (request.body as typeof validBody).messages[0]?.content)).toEqual(
      ['Second'],
    );
    expect(server.received()).toBe(2);
  });

  it('answers 404 not_found_error elsewhere', async () => {
    const server = await start();
    expect(await errorOf(await fetch(`${server.baseURL}/v1/complete`, { method: 'POST' }))).toEqual(
      refused(404, 'not_found_error'),
    );
    expect(await errorOf(await fetch(server.url))).toEqual(refused(404, 'not_found_error'));
  });

  it('picks the scenario from the request, or the one set with use()', async () => {
    const server = await start();
    const pick = async (content: string): Promise<string | undefined> => {
      const response = await post(server, { ...validBody, messages: [{ role: 'user', content }] });
      await response.arrayBuffer();
      return server.requests.at(-1)?.scenario;
    };
    expect(await pick('[scenario:webSearch] search please')).toBe('webSearch');
    server.use('pauseTurn');
    expect(await pick('Hello')).toBe('pauseTurn');
    server.reset();
    expect(server.requests).toEqual([]);
    expect(await pick('Hello')).toBe('basic');
  });

  it('continues an assistant prefill (Continue after Stop) instead of starting the answer again', async () => {
    const server = await start();
    const full = contentScenarios.longAnswer.expectedText;
    const partial = full.slice(0, 300).trimEnd();
    const response = await post(server, {
      ...validBody,
      messages: [
        { role: 'user', content: 'Explain [scenario:longAnswer]' },
        { role: 'assistant', content: partial },
      ],
    });
    if (!response.body) throw new Error('no body');
    const events = (await readSSE(response.body)).map(
      (message) => JSON.parse(message.data) as { type: string; delta?: { text?: string } },
    );
    const rest = events
      .map((event) => (event.type === 'content_block_delta' ? event.delta?.text : ''))
      .join('');
    expect(rest).toBe(full.slice(partial.length));
    expect(events.at(-1)).toEqual({ type: 'message_stop' });
  });

  it('answers a message with attachments by listing them, naming the path of a bad one', async () => {
    const server = await start();
    const photo = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/jpeg', data: jpeg(1024, 768) },
    };
    const notes = {
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'Buy milk' },
      title: 'notes.md',
    };
    const response = await post(server, {
      ...validBody,
      messages: [{ role: 'user', content: [photo, notes] }],
    });
    if (!response.body) throw new Error('no body');
    const text = (await readSSE(response.body))
      .map((message) => (JSON.parse(message.data) as { delta?: { text?: string } }).delta?.text ?? '')
      .join('');
    expect(text).toBe(
      'I received 2 attachments: a JPEG image, 1024 × 768 px (149 bytes), and a text document "notes.md" (8 characters).',
    );
    const refusal = await post(server, {
      ...validBody,
      messages: [
        { role: 'user', content: [photo, { ...notes, source: { ...notes.source, media_type: 'text/csv' } }] },
      ],
    });
    expect(await refusal.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: "messages.0.content.1.document.source.text.media_type: Input should be 'text/plain'",
      },
    });
    expect(server.requests.map((request) => [request.scenario, request.status])).toEqual([
      ['attachments', 200],
      ['', 400],
    ]);
  });

  it('records a client that disconnects mid-stream', async () => {
    const server = await start({ scenario: 'stalled' });
    const controller = new AbortController();
    const response = await post(server, validBody, validHeaders, controller.signal);
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await server.settled();
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false, outcome: 'aborted' });
  });

  it('destroys the socket for a dropped connection after N bytes', async () => {
    const server = await start({ scenario: 'droppedConnection' });
    const received = await new Promise<{ bytes: number; error: Error | undefined }>((resolve) => {
      const request = httpRequest(server.url, { method: 'POST', headers: validHeaders }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('error', (error) => resolve({ bytes, error }));
        response.on('end', () => resolve({ bytes, error: undefined }));
      });
      request.end(JSON.stringify(validBody));
    });
    expect(received.bytes).toBe(1600);
    expect(received.error?.message).toMatch(/aborted/u);
    await server.settled();
    expect(server.requests[0]?.outcome).toBe('dropped');
  });

  it('closes in-flight streams and sockets on close()', async () => {
    const server = await createFakeAnthropicServer({ timing: 'instant', scenario: 'stalled' });
    const response = await post(server, validBody);
    const reader = response.body?.getReader();
    await reader?.read();
    await server.close();
    await expect(reader?.read()).rejects.toBeInstanceOf(TypeError);
    expect(server.requests[0]?.completed).toBe(false);
    await expect(fetch(server.url, { method: 'POST' })).rejects.toBeInstanceOf(TypeError);
  });
});
