import Anthropic from '@anthropic-ai/sdk';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import type { Message } from '@chatstream/reader';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AllowedTool,
  type ChatHandler,
  createChatHandler,
  createMemoryResumeStore,
  createRedisResumeStore,
  ioredisConnection,
  nodeRedisConnection,
  type RedisConnection,
  RedisTimeoutError,
  type RelayMetadata,
  type RelayResult,
  type RelayRequestBody,
  type KeptStreamInfo,
  type ResumeStore,
  type StoredEvents,
} from './index.ts';
import { createNodeHandler } from './node.ts';

describe('createChatHandler', () => {
  it('makes a Web handler: Request in, Response out, as route handlers take', () => {
    expectTypeOf(createChatHandler()).toEqualTypeOf<ChatHandler>();
    expectTypeOf<ChatHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    // The Node adapter takes a handler, or the options to make one.
    expectTypeOf(createNodeHandler).toBeCallableWith(createChatHandler());
    expectTypeOf(createNodeHandler).toBeCallableWith({ model: 'claude-sonnet-4-6' });
  });

  it("takes the SDK's client, or a cloud platform's built on it", () => {
    expectTypeOf(createChatHandler).toBeCallableWith({ client: new Anthropic({ apiKey: 'k' }) });
    expectTypeOf(createChatHandler).toBeCallableWith({
      client: new AnthropicBedrock({ awsRegion: 'us-east-1' }),
    });
    expectTypeOf(createChatHandler).toBeCallableWith({ client: new AnthropicVertex({ region: 'us-east5' }) });
    // @ts-expect-error: a client needs the Messages API
    createChatHandler({ client: { apiKey: 'k' } });
  });

  it('types its hooks: the validated body before the call, the outcome after', () => {
    createChatHandler({
      beforeRequest: (request, body) => {
        expectTypeOf(request).toEqualTypeOf<Request>();
        expectTypeOf(body).toEqualTypeOf<RelayRequestBody>();
        return body.max_tokens > 4096 ? new Response('Too long', { status: 400 }) : undefined;
      },
      onFinish: (result) => {
        expectTypeOf(result).toEqualTypeOf<RelayResult>();
        expectTypeOf(result.outcome).toEqualTypeOf<'complete' | 'error' | 'aborted'>();
        expectTypeOf(result.message).toEqualTypeOf<Message | undefined>();
      },
    });
  });

  it('takes only the settings it knows, typed', () => {
    expectTypeOf(createChatHandler).toBeCallableWith({
      cacheControl: { type: 'ephemeral', ttl: '1h' },
      betas: ['files-api-2025-04-14'],
    });
    // @ts-expect-error: a cache lives 5 minutes or an hour
    createChatHandler({ cacheControl: { type: 'ephemeral', ttl: '1d' } });
    // @ts-expect-error: no such protocol
    createChatHandler({ protocol: 'ndjson' });
    // @ts-expect-error: betas are a list
    createChatHandler({ betas: 'files-api-2025-04-14' });
  });

  it('authorizes with the request alone, and sets metadata from an object or the request', () => {
    createChatHandler({
      authorize: async (request) => {
        expectTypeOf(request).toEqualTypeOf<Request>();
        return request.headers.has('authorization') ? undefined : new Response(null, { status: 401 });
      },
      metadata: async (request): Promise<RelayMetadata> => ({ user_id: request.headers.get('x-user') }),
    });
    expectTypeOf(createChatHandler).toBeCallableWith({ metadata: { user_id: 'u-1' } });
    // @ts-expect-error: metadata is { user_id }, not a bare id
    createChatHandler({ metadata: 'u-1' });
  });

  it('takes tool names and typed tool definitions in allowedTools', () => {
    const allowed: AllowedTool[] = [
      'get_weather',
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['docs.example.com'] },
      { name: 'lookup', input_schema: { type: 'object' } },
    ];
    expectTypeOf(createChatHandler).toBeCallableWith({ allowedTools: allowed });
    // @ts-expect-error: max_uses is a number
    createChatHandler({ allowedTools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: '3' }] });
  });

  it('keeps streams for resuming when asked, for how long in milliseconds', () => {
    expectTypeOf(createChatHandler).toBeCallableWith({ resume: true });
    expectTypeOf(createChatHandler).toBeCallableWith({ resume: { graceMs: 30_000, ttlMs: 300_000 } });
    // @ts-expect-error: times are numbers of milliseconds
    createChatHandler({ resume: { graceMs: '30s' } });
  });

  it('takes undefined for a setting as its absence, as a value read from the environment may be', () => {
    const fromEnv = undefined as string | undefined;
    expectTypeOf(createChatHandler).toBeCallableWith({
      apiKey: fromEnv,
      baseURL: fromEnv,
      model: fromEnv,
      resume: undefined,
      onError: undefined,
    });
    expectTypeOf(createChatHandler).toBeCallableWith({
      cacheControl: { type: 'ephemeral', ttl: undefined },
      resume: { graceMs: undefined, store: undefined },
    });
    expectTypeOf(createMemoryResumeStore).toBeCallableWith({ maxAgeMs: undefined });
  });
});

describe('resume stores', () => {
  it('takes a store that answers at once or over the network, and a waitUntil', () => {
    const memory: ResumeStore = createMemoryResumeStore();
    const remote: ResumeStore = {
      create: async (_id: string, info: KeptStreamInfo) => {
        expectTypeOf(info.requestId).toEqualTypeOf<string | undefined>();
      },
      append: async () => undefined,
      finish: async () => undefined,
      read: async (): Promise<StoredEvents | undefined> => undefined,
      publish: async () => undefined,
      subscribe: async () => () => undefined,
    };
    expectTypeOf(createChatHandler).toBeCallableWith({ resume: { store: memory } });
    expectTypeOf(createChatHandler).toBeCallableWith({
      resume: { store: remote, waitUntil: (promise: Promise<unknown>) => void promise, graceMs: 5000 },
    });
    // @ts-expect-error: a store has six methods
    createChatHandler({ resume: { store: { read: () => undefined } } });
  });

  it('builds the Redis store from a connection of either client library', () => {
    const connection: RedisConnection = {
      command: async () => 'OK',
      subscribe: async () => async () => undefined,
    };
    expectTypeOf(
      createRedisResumeStore(connection, { prefix: 'app:', maxAgeMs: 60_000, commandTimeoutMs: 5_000 }),
    ).toEqualTypeOf<ResumeStore>();
    expectTypeOf(createRedisResumeStore).toBeCallableWith(connection, {
      prefix: undefined,
      maxAgeMs: undefined,
      commandTimeoutMs: undefined,
    });
    // What onError receives when Redis does not answer in time.
    expectTypeOf<RedisTimeoutError>().toExtend<Error>();
    expectTypeOf<RedisTimeoutError['operation']>().toEqualTypeOf<string>();
    expectTypeOf<RedisTimeoutError['timeoutMs']>().toEqualTypeOf<number>();
    expectTypeOf(nodeRedisConnection).returns.toEqualTypeOf<RedisConnection>();
    expectTypeOf(ioredisConnection).returns.toEqualTypeOf<RedisConnection>();
  });
});
