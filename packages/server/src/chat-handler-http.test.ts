import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, startFakeAnthropic, TEST_KEY } from './test/relay-fixture.ts';

function request(body: unknown, init: { method?: string; headers?: Record<string, string> } = {}): Request {
  const method = init.method ?? 'POST';
  return new Request('http://127.0.0.1/api/chat', {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(method === 'GET' || method === 'HEAD'
      ? {}
      : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

async function errorOf(
  response: Response,
): Promise<{ status: number; type: string; message: string; text: string }> {
  const text = await response.text();
  const json = JSON.parse(text) as { type: string; error: { type: string; message: string } };
  expect(json.type).toBe('error');
  expect(response.headers.get('content-type')).toBe('application/json');
  return { status: response.status, type: json.error.type, message: json.error.message, text };
}

describe('createChatHandler: HTTP-level refusals', () => {
  let fake: FakeAnthropicServer;
  let options: ChatHandlerOptions;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    options = { apiKey: TEST_KEY, baseURL: fake.baseURL };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('takes a route context whose request is the Request (Astro, SvelteKit), and says what it got otherwise', async () => {
    const reported: unknown[] = [];
    const handler = createChatHandler({ ...options, onError: (error) => reported.push(error) });
    // `export const POST = createChatHandler(…)` in Astro: the handler gets the context.
    const context = { request: request(chatBody('basic')), params: {}, locals: {} };
    const streamed = await handler(context as unknown as Request);
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('message_stop');

    const refused = await handler({ params: {} } as unknown as Request);
    expect(await errorOf(refused)).toMatchObject({ status: 500, type: 'api_error' });
    expect(reported).toEqual([
      new TypeError('The chat handler takes a Request, or a context with one as `request`'),
    ]);
  });

  it('answers other methods with 405 and Allow: POST', async () => {
    const response = await createChatHandler(options)(request(undefined, { method: 'GET' }));
    expect(response.headers.get('allow')).toBe('POST');
    expect(await errorOf(response)).toMatchObject({ status: 405, type: 'invalid_request_error' });
  });

  it('answers a GET naming a live stream to cancel with 405 and Allow: POST, and the stream goes on', async () => {
    // Long enough to be still running when the GET comes.
    fake.use('longAnswer', { timing: { timeToFirstToken: 5, tokensPerSecond: 200, jitter: 0 } });
    const handler = createChatHandler({ ...options, resume: true });
    const started = await handler(request(chatBody('longAnswer')));
    const id = started.headers.get('chatstream-stream-id')!;
    const reader = started.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // A link, a prefetch or a crawler: a GET, which must change nothing.
    const refused = await handler(
      request(undefined, { method: 'GET', headers: { 'chatstream-cancel': id } }),
    );
    expect(refused.headers.get('allow')).toBe('POST');
    expect(await errorOf(refused)).toMatchObject({ status: 405, type: 'invalid_request_error' });
    let text = '';
    const decoder = new TextDecoder();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
    }
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', completed: true, aborted: false });
    expect(text).toContain('message_stop');
  });

  it('requires application/json', async () => {
    const response = await createChatHandler(options)(
      request('hi', { headers: { 'content-type': 'text/plain' } }),
    );
    expect(await errorOf(response)).toMatchObject({
      status: 400,
      message: 'content-type: must be application/json.',
    });
    const withCharset = await createChatHandler(options)(
      request(chatBody('basic'), { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(withCharset.status).toBe(200);
    await withCharset.body?.cancel();
  });

  it('refuses bodies over maxBodyBytes with 413, by declared length and by counting', async () => {
    const handler = createChatHandler({ ...options, maxBodyBytes: 100 });
    const big = chatBody('basic', { metadata: { user_id: 'x'.repeat(200) } });
    expect(await errorOf(await handler(request(big)))).toMatchObject({
      status: 413,
      type: 'request_too_large',
      message: expect.stringMatching(
        /^The request body is larger than 100 bytes, this server's limit\.$/u,
      ) as unknown,
    });
    const streamed = new Request('http://127.0.0.1/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify(big)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(await errorOf(await handler(streamed))).toMatchObject({ status: 413 });
    expect(fake.requests).toEqual([]);
  });

  it('refuses invalid JSON and invalid messages with 400 before calling Anthropic', async () => {
    const handler = createChatHandler(options);
    expect(await errorOf(await handler(request('{"messages":')))).toMatchObject({
      status: 400,
      message: 'The request body is not valid JSON.',
    });
    // Latin-1 "café": read as UTF-8 it would reach the model as "caf\uFFFD".
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"messages":[{"role":"user","content":"caf'),
      0xe9,
      ...new TextEncoder().encode('"}]}'),
    ]);
    expect(
      await errorOf(
        await handler(
          new Request('http://127.0.0.1/api/chat', {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=latin1' },
            body: latin1,
          }),
        ),
      ),
    ).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: 'The request body is not UTF-8 text.',
    });
    expect(
      await errorOf(await handler(request({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }))),
    ).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: 'messages.0.role: must be "user" or "assistant".',
    });
    expect(fake.requests).toEqual([]);
  });

  it('refuses a max_tokens above the cap, a model not allowed and a tool not allowed', async () => {
    const handler = createChatHandler({
      ...options,
      maxTokens: 512,
      allowedModels: ['claude-sonnet-4-6'],
      allowedTools: ['get_weather'],
    });
    const refusals = await Promise.all([
      handler(request(chatBody('basic', { max_tokens: 513 }))),
      handler(request(chatBody('basic', { model: 'claude-opus-4-1' }))),
      handler(request(chatBody('basic', { tools: [{ name: 'shell', input_schema: { type: 'object' } }] }))),
      // An Anthropic-defined tool under the allowed name: the name allows only a custom tool.
      handler(request(chatBody('basic', { tools: [{ type: 'bash_20250124', name: 'get_weather' }] }))),
    ]).then((responses) => Promise.all(responses.map(errorOf)));
    expect(refusals.map(({ status }) => status)).toEqual([400, 400, 400, 400]);
    expect(refusals[0]?.message).toContain('limit of 512');
    expect(refusals[1]?.message).toContain('"claude-opus-4-1" is not allowed');
    expect(refusals[2]?.message).toContain('"shell" is not allowed');
    expect(refusals[3]?.message).toBe(
      'tools.0: the Anthropic tool type "bash_20250124" (named "get_weather") is not allowed by this server.',
    );
    expect(fake.requests).toEqual([]);
  });

  it('lets beforeRequest short-circuit with its own response, and see the validated body', async () => {
    const seen: unknown[] = [];
    const handler = createChatHandler({
      ...options,
      beforeRequest: (incoming, body) => {
        seen.push(body.max_tokens);
        if (incoming.headers.get('authorization') !== 'Bearer let-me-in') {
          return new Response('nope', { status: 401 });
        }
        return undefined;
      },
    });
    const refused = await handler(request(chatBody('basic')));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('nope');
    const allowed = await handler(
      request(chatBody('basic'), { headers: { authorization: 'Bearer let-me-in' } }),
    );
    expect(allowed.status).toBe(200);
    await allowed.text();
    expect(seen).toEqual([1024, 1024]);
    expect(fake.requests).toHaveLength(1);
  });

  it('answers 500 api_error when no key is configured, tells onError, and reads ANTHROPIC_API_KEY lazily', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    try {
      const reported: unknown[] = [];
      // What beforeRequest lets through reaches onFinish: a request that cannot is refused before it.
      let counted = 0;
      const handler = createChatHandler({
        baseURL: fake.baseURL,
        onError: (error) => reported.push(error),
        beforeRequest: () => void (counted += 1),
      });
      const refused = await handler(request(chatBody('basic')));
      expect(counted).toBe(0);
      // A retry cannot mend the server's configuration: the browser is told not to.
      expect(refused.headers.get('x-should-retry')).toBe('false');
      expect(await errorOf(refused)).toMatchObject({
        status: 500,
        type: 'api_error',
        message: 'The server has no Anthropic API key configured.',
      });
      expect(reported).toEqual([
        new Error('No Anthropic API key: set ANTHROPIC_API_KEY, or pass apiKey or client.'),
      ]);
      vi.stubEnv('ANTHROPIC_API_KEY', TEST_KEY);
      const response = await handler(request(chatBody('basic')));
      expect(response.status).toBe(200);
      await response.text();

      // `apiKey: process.env.OTHER ?? ''`: the report says which setting is empty.
      await createChatHandler({ apiKey: '', onError: (error) => reported.push(error) })(
        request(chatBody('basic')),
      );
      expect(reported.at(-1)).toEqual(
        new Error(
          'No Anthropic API key: the apiKey option is empty (an unset variable?): pass the key, or leave apiKey out to read ANTHROPIC_API_KEY.',
        ),
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('uses an injected SDK client', async () => {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({ apiKey: TEST_KEY, baseURL: fake.baseURL, maxRetries: 0 });
    const response = await createChatHandler({ client })(request(chatBody('basic')));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('event: message_stop');
  });
});

describe('the API key never reaches a response or a log', () => {
  let fake: FakeAnthropicServer;
  let echo: Server;
  let echoURL: string;
  const WRONG_KEY = 'sk-ant-wrong-Vb71Qe9Hs3Tj';

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    // An upstream that quotes the key it received in its error message.
    echo = createServer((incoming, response) => {
      incoming.resume();
      const key = incoming.headers['x-api-key'] ?? incoming.headers.authorization ?? '';
      response.writeHead(400, { 'content-type': 'application/json', 'request-id': 'req_echo' });
      response.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: `bad key ${String(key)}` },
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoURL = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    echo.closeAllConnections();
    await new Promise((resolve) => echo.close(resolve));
    await fake.close();
  });

  it('not in validation errors, upstream errors, in-band errors, or console output', async () => {
    const logged = vi.fn<(...args: unknown[]) => void>();
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(logged),
    );
    try {
      const texts: string[] = [];
      const send = async (handlerOptions: ChatHandlerOptions, body: unknown, key: string) => {
        const response = await createChatHandler(handlerOptions)(request(body));
        const text = await response.text();
        texts.push(text);
        expect(text).not.toContain(key);
        for (const [, value] of response.headers) expect(value).not.toContain(key);
        return { status: response.status, text };
      };
      await send({ apiKey: TEST_KEY, baseURL: fake.baseURL }, { messages: 'nope' }, TEST_KEY);
      await send({ apiKey: TEST_KEY, baseURL: fake.baseURL }, chatBody('droppedConnection'), TEST_KEY);
      await send({ apiKey: TEST_KEY, baseURL: fake.baseURL }, chatBody('overloaded'), TEST_KEY);
      const wrong = await send({ apiKey: WRONG_KEY, baseURL: fake.baseURL }, chatBody('basic'), WRONG_KEY);
      expect(wrong.status).toBe(500);
      const echoed = await send({ apiKey: TEST_KEY, baseURL: echoURL }, chatBody('basic'), TEST_KEY);
      expect(echoed.status).toBe(400);
      expect(JSON.parse(echoed.text)).toMatchObject({
        error: { message: expect.stringContaining('[redacted]') as string },
      });
      expect(texts).toHaveLength(5);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
