import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createFakeAnthropicServer,
  type FakeAnthropicServer,
  type FakeAnthropicServerOptions,
} from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AnthropicClient, ChatHandlerOptions } from '../chat-handler-options.ts';
import { type ChatHandler, createChatHandler } from '../create-chat-handler.ts';
import { createNodeHandler, type NodeHandler } from '../create-node-handler.ts';

/** A Bedrock model id the fake API's Bedrock route answers. */
export const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

/** Bedrock's own SDK pointed at the fake API's Bedrock route (binary AWS event stream). */
export function bedrockClient(fake: FakeAnthropicServer, fetch?: typeof globalThis.fetch): AnthropicClient {
  return new AnthropicBedrock({
    awsAccessKey: TEST_KEY,
    awsSecretKey: 'test-secret-key',
    awsRegion: 'us-east-1',
    baseURL: fake.baseURL,
    ...(fetch ? { fetch } : {}),
  });
}

/** The key the fake server expects and the relay holds; it must never appear in a response. */
export const TEST_KEY = 'sk-ant-test-Zq8v3Kx7Lm2Np9Rw';

/** The model tests send. */
export const TEST_MODEL = 'claude-sonnet-4-6';

/** A running HTTP server on 127.0.0.1. */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the fake Anthropic API with the test key and instant timing unless told otherwise. */
export function startFakeAnthropic(options: FakeAnthropicServerOptions = {}): Promise<FakeAnthropicServer> {
  return createFakeAnthropicServer({ apiKey: TEST_KEY, timing: 'instant', ...options });
}

/** Serves a handler (Web or Node) on 127.0.0.1 with `node:http`. */
export async function startRelay(handler: ChatHandler | NodeHandler): Promise<LoopbackServer> {
  const listener: NodeHandler =
    handler.length >= 2 ? (handler as NodeHandler) : createNodeHandler(handler as ChatHandler);
  const server: Server = createServer((request, response) => listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/chat`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A JSON `POST` to the relay's route, for calling a `ChatHandler` directly. */
export function jsonPost(body: unknown): Request {
  return new Request('http://127.0.0.1/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A request body that makes the fake server serve `scenario`. */
export function chatBody(scenario: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: TEST_MODEL,
    max_tokens: 1024,
    messages: [{ role: 'user', content: `[scenario:${scenario}]` }],
    ...extra,
  };
}

/** POSTs JSON to the relay and returns the response with its whole body as bytes. */
export async function postRelay(
  url: string,
  body: unknown,
  init: RequestInit = {},
): Promise<{ response: Response; bytes: Uint8Array; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

/** Fetches a scenario straight from the fake API (what the relay must reproduce byte for byte). */
export async function fetchDirect(
  fake: FakeAnthropicServer,
  scenario: string,
): Promise<{ response: Response; bytes: Uint8Array; text: string }> {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': TEST_KEY, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ ...chatBody(scenario), stream: true }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder().decode(bytes) };
}

/** Resolves once `predicate` holds, polling every few milliseconds (fails after `timeoutMs`). */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * True when both byte arrays are identical. (Vitest's deep equality walks a 2 MiB array element
 * by element for tens of seconds; this is one memcmp.)
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** The fake API and a relay in front of it, for a `describe` block: see {@link useRelayOnFake}. */
export interface RelayOnFake {
  /** The fake Anthropic API (its log is reset after each test). */
  readonly fake: FakeAnthropicServer;
  /** The relay's route, `http://127.0.0.1:<port>/api/chat`. */
  readonly url: string;
}

/**
 * Starts the fake Anthropic API (at a steady pace, unless told otherwise) and a relay on it for the
 * tests of the enclosing `describe`, resets the fake's log after each test and closes both after all.
 * Read the fields inside the tests: they exist once `beforeAll` ran.
 */
export function useRelayOnFake(
  handlerOptions: Omit<ChatHandlerOptions, 'apiKey' | 'baseURL'>,
  fakeOptions: FakeAnthropicServerOptions = {
    timing: { timeToFirstToken: 5, tokensPerSecond: 200, jitter: 0 },
  },
): RelayOnFake {
  let fake: FakeAnthropicServer | undefined;
  let relay: LoopbackServer | undefined;
  beforeAll(async () => {
    fake = await startFakeAnthropic(fakeOptions);
    relay = await startRelay(
      createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL, ...handlerOptions }),
    );
  });
  afterEach(() => fake?.reset());
  afterAll(async () => {
    await relay?.close();
    await fake?.close();
  });
  return {
    get fake() {
      if (!fake) throw new Error('useRelayOnFake: read the fake inside a test');
      return fake;
    },
    get url() {
      if (!relay) throw new Error('useRelayOnFake: read the url inside a test');
      return relay.url;
    },
  };
}

/**
 * Resolves once the relay (`handler`, or the one at a URL) answers a resume of stream `id` with 404:
 * its `ttlMs` counts from when the relay finished reading upstream, a little after the fake API sent
 * its last byte on a busy machine. Fails after `timeoutMs`.
 */
export async function waitUntilForgotten(
  relay: string | ChatHandler,
  id: string,
  timeoutMs = 5_000,
): Promise<void> {
  let forgotten = false;
  const started = Date.now();
  while (!forgotten) {
    const request = new Request(typeof relay === 'string' ? relay : 'http://127.0.0.1/api/chat', {
      method: 'POST',
      headers: { 'chatstream-resume': id },
    });
    const response = typeof relay === 'string' ? await fetch(request) : await relay(request);
    await response.body?.cancel();
    forgotten = response.status === 404;
    if (!forgotten && Date.now() - started > timeoutMs)
      throw new Error(`waitUntilForgotten: ${id} still kept`);
    if (!forgotten) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
