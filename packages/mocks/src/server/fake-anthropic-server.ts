import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkServeOptions, shown } from '../check-serve-options.ts';
import { anthropicErrorBody } from '../error-bodies.ts';
import { createId } from '../ids.ts';
import type { StreamOutcome } from '../play-plan.ts';
import type { ResponsePlan, ServeOptions } from '../plan-response.ts';
import { createRandom } from '../prng.ts';
import { createMockControls, type MockControls } from '../mock-controls.ts';
import { createRequestLog, type RequestLogOptions } from '../request-log.ts';
import { createScenarioPicker, type ScenarioPickerOptions } from '../scenario-picker.ts';
import { sleep } from '../sleep.ts';
import { bedrockRoute } from './bedrock-route.ts';
import { anthropicError, messagesRoute } from './messages-route.ts';
import type { ErrorAnswer, Route } from './route.ts';
import { vertexRoute } from './vertex-route.ts';

/** Options of {@link createFakeAnthropicServer}. */
export interface FakeAnthropicServerOptions extends ServeOptions, ScenarioPickerOptions, RequestLogOptions {
  /** The port on 127.0.0.1 (default 0: a free one). Fix it when another process must find the server. */
  port?: number | undefined;
  /**
   * When set, the key (`x-api-key`, or `Authorization: Bearer`) must equal it; otherwise any
   * non-empty key passes. On the Bedrock routes the SigV4 access key id or the Bedrock API key, on
   * the Vertex AI routes the OAuth token, must equal it.
   */
  apiKey?: string | undefined;
}

/** A running fake Messages API on 127.0.0.1. */
export interface FakeAnthropicServer extends MockControls {
  /** The messages endpoint, `http://127.0.0.1:<port>/v1/messages`. */
  readonly url: string;
  /**
   * The origin, for `new Anthropic({ baseURL })`, and for `AnthropicBedrock` and `AnthropicVertex`
   * (their routes are served from it too).
   */
  readonly baseURL: string;
  /** Stops streaming, destroys every socket and closes the server. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const ROUTES: readonly Route[] = [messagesRoute, bedrockRoute, vertexRoute];

/**
 * Starts a real HTTP server on 127.0.0.1 (a free port) that implements `POST /v1/messages` for the
 * scenarios, checking the API key, `anthropic-version` and the body like the API does: streamed with
 * `stream: true`, otherwise the scenario's message as JSON. The same server speaks Claude on Amazon
 * Bedrock (`…/model/{modelId}/invoke-with-response-stream`, `…/invoke`) and on Google Vertex AI
 * (`…/publishers/anthropic/models/{model}:streamRawPredict`, `…:rawPredict`) with their auth, errors
 * and framing, for `AnthropicBedrock` and `AnthropicVertex` pointed at `baseURL`. Close it.
 *
 * @example
 * const server = await createFakeAnthropicServer();
 * const client = new Anthropic({ apiKey: 'test', baseURL: server.baseURL });
 * const message = await client.messages
 *   .stream({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: '[scenario:toolUse]' }] })
 *   .finalMessage();
 * await server.close();
 */
export async function createFakeAnthropicServer(
  options: FakeAnthropicServerOptions = {},
): Promise<FakeAnthropicServer> {
  checkServeOptions(options);
  const { port: fixedPort, apiKey } = options;
  // Node takes a string port as the path of a Unix socket: the URL would name no port at all.
  if (fixedPort !== undefined && !(Number.isInteger(fixedPort) && fixedPort >= 0 && fixedPort <= 65_535)) {
    throw new RangeError(`port must be a whole number from 0 to 65535, got ${shown(fixedPort)}`);
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
    throw new TypeError(`apiKey must be a non-empty string, got ${shown(apiKey)}`);
  }
  const picker = createScenarioPicker(options);
  const log = createRequestLog(options);
  const shutdown = new AbortController();
  // Every open stream listens for shutdown; hundreds at once are expected, not a leak. A DOM library
  // that replaced AbortController (happy-dom preloaded by `bun test`) makes a signal Node's events
  // module refuses; it counts no listeners to warn about either.
  try {
    setMaxListeners(0, shutdown.signal);
  } catch {}
  const random = createRandom(0x5eed);

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // A bug in a custom scenario should look like the API failing, not hang the client.
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(anthropicErrorBody('api_error', 'Internal server error', createId('req', random))),
        );
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    const record = { method: request.method ?? 'GET', path, headers, attempt: 0 };
    const refuse = (answer: ErrorAnswer, body?: unknown): void => {
      log.start({ ...record, body, scenario: '', status: answer.status })('completed');
      // A body left unread (over the limit): the client must not send its next request on this connection.
      const close: Record<string, string> = request.complete ? {} : { connection: 'close' };
      response.writeHead(answer.status, { ...answer.headers, ...close });
      response.end(answer.body);
    };
    const route = request.method === 'POST' ? routeOf(path) : undefined;
    if (!route) {
      request.resume();
      return refuse(
        anthropicError(
          { status: 404, errorType: 'not_found_error', message: `Not found: ${request.method} ${path}` },
          createId('req', random),
        ),
      );
    }
    // Read (up to the limit) even when the headers refuse the request: the log shows what was sent,
    // and a body left unread would cost the connection.
    const text = await readBody(request);
    const json = text === undefined ? undefined : parseJSON(text);
    const answer = route({ headers: request.headers, text, json, apiKey: options.apiKey, random });
    if ('refusal' in answer) return refuse(answer.refusal, json ? json.value : text);

    const chosen = picker.pick(answer.body);
    const attempt = log.nextAttempt(chosen.name);
    const plan = answer.plan(chosen, { ...options, ...picker.served(), attempt });
    const finish = log.start({
      ...record,
      body: answer.body,
      scenario: chosen.name,
      attempt,
      status: plan.status,
    });
    finish(await send(plan, response));
  }

  async function send(plan: ResponsePlan, response: ServerResponse): Promise<StreamOutcome> {
    const gone = new AbortController();
    const onShutdown = (): void => gone.abort();
    shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    let dropping = false;
    response.on('close', () => {
      if (!response.writableFinished && !dropping) gone.abort();
    });
    try {
      response.writeHead(plan.status, plan.headers);
      response.flushHeaders();
      for (const chunk of plan.chunks) {
        await sleep(chunk.delay, gone.signal);
        await write(response, chunk.bytes);
      }
      if (plan.end === 'drop') {
        dropping = true;
        response.socket?.destroy();
        return 'dropped';
      }
      await new Promise<void>((done) => response.end(done));
      return 'completed';
    } catch {
      response.destroy();
      return 'aborted';
    } finally {
      shutdown.signal.removeEventListener('abort', onShutdown);
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(fixedPort ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}`;

  return {
    url: `${baseURL}/v1/messages`,
    baseURL,
    ...createMockControls(log, picker),
    async close() {
      shutdown.abort();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await log.settled();
    },
  };
}

/**
 * Reads the request body as text, or undefined when it is larger than the API accepts. Then it stops
 * reading, but does not destroy the request: that would close the socket under the 413.
 */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', reject);
      request.off('close', onClose);
    };
    const onClose = (): void => {
      stop();
      reject(new Error('The client went away before the body ended.'));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      stop();
      request.pause();
      resolveBody(undefined);
    };
    const onEnd = (): void => {
      stop();
      resolveBody(Buffer.concat(chunks).toString('utf8'));
    };
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', reject);
    request.once('close', onClose);
  });
}

/** The route whose path this is: the Messages API's, Bedrock's or Vertex AI's. */
function routeOf(path: string): ReturnType<Route> {
  for (const route of ROUTES) {
    const handler = route(path);
    if (handler) return handler;
  }
  return undefined;
}

/** The parsed body, or undefined when it is not JSON. */
function parseJSON(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function write(response: ServerResponse, bytes: Uint8Array): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    if (response.destroyed) {
      reject(new Error('The client went away.'));
      return;
    }
    response.write(bytes, (error) => (error ? reject(error) : resolveWrite()));
  });
}
