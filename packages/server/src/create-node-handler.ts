import type { IncomingMessage, ServerResponse } from 'node:http';
import { abortError } from './abort-reason.ts';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler, type ChatHandler } from './create-chat-handler.ts';
import { errorResponse } from './error-response.ts';
import { detachRequestBody, nodeRequestBody } from './node-request-body.ts';

/** A `node:http` request listener that also works as an Express route or middleware. */
export type NodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * Adapts a {@link ChatHandler} (or the options to create one) to `node:http` and Express: the
 * Node request becomes a Web `Request` (a body already parsed by `express.json()` is used as is),
 * the Web `Response` is written chunk by chunk as it streams, with backpressure and without
 * buffering, and the client's `close` aborts the upstream request. The rest of a body over
 * `maxBodyBytes` (a 413) is read and dropped, up to 64 MiB or 30 s, so that the client, and any
 * proxy in front, gets the answer instead of a reset connection; other answers given before the
 * body was read (an `authorize` refusal) close the connection.
 *
 * @example
 * import { createServer } from 'node:http';
 * import { createNodeHandler } from '@chatstream/server/node';
 *
 * createServer(createNodeHandler({ model: 'claude-sonnet-4-6' })).listen(3001);
 * // Express: app.post('/api/chat', createNodeHandler({ model: 'claude-sonnet-4-6' }));
 */
export function createNodeHandler(handlerOrOptions: ChatHandler | ChatHandlerOptions = {}): NodeHandler {
  const handler =
    typeof handlerOrOptions === 'function' ? handlerOrOptions : createChatHandler(handlerOrOptions);
  return (request, response, next) => {
    serve(handler, request, response).catch((error: unknown) => {
      if (next) {
        next(error);
        return;
      }
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error.' } }),
        );
      } else response.destroy();
    });
  };
}

async function serve(
  handler: ChatHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const disconnect = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) disconnect.abort(abortError('The client closed the connection.'));
  });
  const webRequest = toWebRequest(request, disconnect.signal);
  const webResponse = webRequest
    ? await handler(webRequest)
    : errorResponse(400, 'invalid_request_error', 'The request body is nested too deeply to be read.');
  const headers: Record<string, string | string[]> = {};
  webResponse.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? webResponse.headers.getSetCookie() : value;
  });
  // A body the handler did not read to its end: a 413's rest is read and dropped, so that the
  // client (and a proxy) gets the answer; any other refusal closes the connection, rather than read
  // an upload from someone the app turned away.
  const refusedUnread = !request.complete;
  // HTTP/2 has no connection header (Node throws on one): its streams end on their own.
  if (refusedUnread && webResponse.status !== 413 && request.httpVersionMajor < 2)
    headers['connection'] = 'close';
  response.writeHead(webResponse.status, headers);
  if (refusedUnread && webResponse.status === 413) dropRest(request);
  const body = webResponse.body;
  if (!body || disconnect.signal.aborted) {
    await body?.cancel().catch(() => undefined);
    response.end();
    return;
  }
  response.flushHeaders();
  // Small SSE writes must leave at once instead of waiting for Nagle's algorithm.
  response.socket?.setNoDelay(true);
  const reader = body.getReader();
  const cancel = (): void => void reader.cancel(disconnect.signal.reason).catch(() => undefined);
  disconnect.signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!response.write(value)) await drained(response, disconnect.signal);
    }
    response.end();
  } catch {
    // The body failed after the headers went out: cut the connection so the client sees it.
    response.destroy();
  } finally {
    disconnect.signal.removeEventListener('abort', cancel);
  }
}

/**
 * Reads and drops the rest of a body the handler did not read to its end (a 413 over
 * `maxBodyBytes`), up to {@link LINGER_BYTES} or {@link LINGER_MS}, then cuts the connection. Closed
 * at once, a client still uploading meets a reset instead of the answer, and so does a proxy in
 * front (Vite's dev proxy turns it into a bodyless 502, which the client retries with the whole
 * upload): nginx lingers the same way.
 */
function dropRest(request: IncomingMessage): void {
  let dropped = 0;
  const cut = (): void => void request.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  const onData = (chunk: Buffer): void => {
    dropped += chunk.byteLength;
    if (dropped > LINGER_BYTES) cut();
  };
  detachRequestBody(request);
  request.on('data', onData);
  request.once('close', () => {
    clearTimeout(timer);
    request.off('data', onData);
  });
  request.resume();
}

const LINGER_MS = 30_000;
const LINGER_BYTES = 64 * 1024 * 1024;

/** The Web request, or undefined when a body parsed by a middleware cannot be serialised again. */
function toWebRequest(request: IncomingMessage, signal: AbortSignal): Request | undefined {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2's pseudo-headers (`:method`, `:path`) are no header a Request may hold.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = request.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = (request as IncomingMessage & { body?: unknown }).body;
    if (parsed !== undefined && request.readableEnded) {
      // express.json() (or similar) already consumed the stream; serialise what it parsed.
      const body =
        typeof parsed === 'string' || parsed instanceof Uint8Array
          ? (parsed as string | Uint8Array<ArrayBuffer>)
          : serialised(parsed);
      if (body === undefined) return undefined;
      init.body = body;
      headers.delete('content-length');
    } else {
      init.body = nodeRequestBody(request);
      init.duplex = 'half';
    }
  }
  return new Request(urlOf(request), init);
}

/**
 * The request's URL. The relay reads no part of it, so a `Host` no URL can hold (`a b`, `[::1`),
 * which a client may send, falls back to `localhost` rather than fail the request.
 */
function urlOf(request: IncomingMessage): URL {
  const path = request.url ?? '/';
  const host = request.headers.host ?? request.headers[':authority'] ?? 'localhost';
  try {
    return new URL(path, `http://${String(host)}`);
  } catch {
    return new URL(path.startsWith('/') && !path.startsWith('//') ? path : '/', 'http://localhost');
  }
}

/** JSON nested thousands of levels deep parses, but `JSON.stringify` runs out of stack on it. */
function serialised(parsed: unknown): string | undefined {
  try {
    return JSON.stringify(parsed);
  } catch {
    return undefined;
  }
}

function drained(response: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const done = (): void => {
      response.off('drain', done);
      signal.removeEventListener('abort', done);
      if (signal.aborted) reject(signal.reason);
      else resolve();
    };
    response.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
