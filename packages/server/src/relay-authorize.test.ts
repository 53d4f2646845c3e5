import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY, TEST_MODEL } from './test/relay-fixture.ts';

const signedIn = (request: Request): boolean => request.headers.get('authorization') === 'Bearer let-me-in';

/** A JSON POST whose body records whether anyone started reading it. */
function watchedPost(
  body: unknown,
  headers: Record<string, string> = {},
): { request: Request; read: () => boolean } {
  let pulled = false;
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  // No high-water mark: nothing is pulled until somebody reads.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request('http://127.0.0.1/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return { request, read: () => pulled || request.bodyUsed };
}

describe('createChatHandler: authorize', () => {
  let fake: FakeAnthropicServer;
  let options: ChatHandlerOptions;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    options = {
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      model: TEST_MODEL,
      allowedModels: [TEST_MODEL, 'internal-finetune'],
      allowedTools: ['internal_admin_tool'],
      maxTokens: 512,
    };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('refuses before the body is read, so a refused caller learns nothing of the configuration', async () => {
    const handler = createChatHandler({
      ...options,
      authorize: (request) =>
        signedIn(request) ? undefined : new Response('Sign in first', { status: 401 }),
    });
    for (const probe of [
      chatBody('basic', { model: 'nope' }),
      chatBody('basic', { max_tokens: 999_999 }),
      chatBody('basic', { tools: [{ name: 'x', input_schema: {} }] }),
    ]) {
      const { request, read } = watchedPost(probe);
      const response = await handler(request);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('Sign in first');
      expect(read()).toBe(false);
    }
    const allowed = await handler(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer let-me-in' },
        body: JSON.stringify(chatBody('basic', { max_tokens: 100 })),
      }),
    );
    expect(allowed.status).toBe(200);
    await allowed.text();
    expect(fake.requests).toHaveLength(1);
  });

  it('runs before validation and beforeRequest, which still gets the validated body', async () => {
    const calls: string[] = [];
    const handler = createChatHandler({
      ...options,
      authorize: async () => {
        calls.push('authorize');
        await Promise.resolve();
      },
      beforeRequest: (_request, body) => {
        calls.push(`beforeRequest ${body.max_tokens}`);
      },
    });
    const refused = await handler(jsonPost(chatBody('basic', { model: 'nope' })));
    expect(refused.status).toBe(400);
    const response = await handler(jsonPost(chatBody('basic', { max_tokens: 100 })));
    expect(response.status).toBe(200);
    await response.text();
    expect(calls).toEqual(['authorize', 'authorize', 'beforeRequest 100']);
  });

  it("answers with another fetch implementation's Response, and refuses to relay on an answer that is none", async () => {
    // The shape of a Response from the undici package or a polyfill: not an instance of this one.
    const foreign = {
      status: 401,
      statusText: 'Unauthorized',
      headers: new Headers({ 'www-authenticate': 'Bearer' }),
      body: new Response('Sign in first').body,
    };
    for (const hook of ['authorize', 'beforeRequest'] as const) {
      const response = await createChatHandler({ ...options, [hook]: () => foreign })(
        jsonPost(chatBody('basic', { max_tokens: 100 })),
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).toBe('Sign in first');
      foreign.body = new Response('Sign in first').body;
    }
    for (const answer of [false, { status: 401 }, 'no', null]) {
      const onError = vi.fn<(error: unknown) => void>();
      const response = await createChatHandler({ ...options, onError, authorize: () => answer as never })(
        jsonPost(chatBody('basic', { max_tokens: 100 })),
      );
      expect(response.status).toBe(500);
      expect(onError).toHaveBeenCalledExactlyOnceWith(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringMatching(
            /^authorize must return a Response to answer with, or undefined to go on; got /,
          ),
        }),
        expect.anything(),
      );
    }
    expect(fake.requests).toEqual([]);
  });

  it('does not list the allowed models to anyone', async () => {
    const response = await createChatHandler(options)(jsonPost(chatBody('basic', { model: 'nope' })));
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({
      error: { message: 'model: "nope" is not allowed by this server.' },
    });
    expect(text).not.toContain('internal-finetune');
  });

  it('answers a body nested too deep to be sent on with a 400 that is not retried, not a 502', async () => {
    const depth = 2_000_000;
    const deep = `{"model":"${TEST_MODEL}","messages":[{"role":"user","content":[{"type":"text","text":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}]}]}`;
    // Refused before it is parsed: V8 takes seconds over millions of brackets, holding every request.
    const parse = vi.spyOn(JSON, 'parse');
    const response = await createChatHandler(options)(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: deep,
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'The request body is nested more than 256 levels deep.',
      },
    });
    expect(parse).not.toHaveBeenCalledWith(deep);
    parse.mockRestore();
    expect(fake.requests).toEqual([]);
  });
});
