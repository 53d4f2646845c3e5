import { later } from '../later.ts';
import { onAbort } from '../on-abort.ts';
import { checkFunction, checkNumber, checkResolvable, checkURL, globalFetch } from '../check-options.ts';
import { ConnectionError, isChatStreamError, messageWithCause, TimeoutError } from '../errors.ts';
import type { StreamProtocol } from '../stream/event-decoder.ts';
import { checkStreamOptions } from '../stream/check-stream-options.ts';
import { MessageStream, type MessageStreamOptions } from '../stream/message-stream.ts';
import { cancelKeptStream } from './cancel-kept-stream.ts';
import { CANCEL_HEADER, RESUME_HEADER, STREAM_ID_HEADER } from './relay-headers.ts';
import type { RequestQueue } from './request-queue.ts';
import { createRetryPolicy, type RetryOptions } from './retry-policy.ts';
import { untilAborted } from './until-aborted.ts';

/** The HTTP request `streamMessage` sends. */
export interface MessageRequest {
  /** Where to POST (default `/api/chat`, the relay route; outside a page, an absolute URL). */
  url?: string | URL | undefined;
  /** The request body: serialised as JSON unless it is already a string, `Blob`, `FormData`, … */
  body?: unknown;
  /** Extra headers (`content-type: application/json` and `accept: text/event-stream` are defaults). */
  headers?: RequestInit['headers'] | undefined;
  /** HTTP method (default `POST`). */
  method?: string | undefined;
  /** Passed to fetch. Spelled out: Cloudflare's `RequestInit` type has no `credentials`. */
  credentials?: 'omit' | 'same-origin' | 'include' | undefined;
}

/** Options of {@link streamMessage}. */
export interface StreamMessageOptions extends MessageStreamOptions {
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch | undefined;
  /** Wire protocol of the response (default `anthropic`; `text` for plain `data:` + `[DONE]` servers). */
  protocol?: StreamProtocol | undefined;
  /** Retry settings, or `false` for a single attempt. */
  retry?: RetryOptions | false | undefined;
  /** Fail with a `TimeoutError` (phase `headers`) when response headers take longer. None when undefined or `Infinity`. */
  headersTimeoutMs?: number | undefined;
  /** Waits between retries (default: an abortable `setTimeout`); inject to control time in tests. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /**
   * Waits for a place in this queue (`createRequestQueue(5)`, shared by the streams of a page that
   * starts many at once) before the request is sent; its timeouts and `stats` start once it has
   * one, and it gives it back when it ends.
   */
  requestQueue?: RequestQueue | undefined;
}

/**
 * Sends `request` with fetch and reads the response as a {@link MessageStream}.
 *
 * Checks the status and content type (an `HTTPError` with Anthropic's `error.type`, message,
 * `request-id`, `retry-after` and the body otherwise). Retries only while nothing has streamed
 * yet — network errors, 408, 409, 429, 5xx, transient stream `error` events, header and idle
 * timeouts — with exponential backoff and jitter, honouring `retry-after-ms` / `retry-after`.
 * Timeouts: `headersTimeoutMs`, `idleTimeoutMs` (pings count), `totalTimeoutMs`; each failure
 * keeps the partial message. From a relay with `resume` on (`@chatstream/server`), a connection that
 * drops mid-stream is read on from the last event received, and a stop tells the relay to abort
 * upstream.
 *
 * @example
 * const stream = streamMessage(
 *   { url: '/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1024 } },
 *   { idleTimeoutMs: 30_000, retry: { maxRetries: 3 } },
 * );
 * for await (const text of stream.textStream) render(text);
 */
export function streamMessage(request: MessageRequest, options: StreamMessageOptions = {}): MessageStream {
  // Before fetch: it would call a bad URL a network failure, and retries would try it again.
  checkURL('url', request.url);
  checkRequestOptions(options);
  const { retry, headersTimeoutMs } = options;
  const fetchImpl = options.fetch ?? globalFetch();
  const url = request.url ?? '/api/chat';
  // A fetch of the app's own may resolve a relative URL itself.
  if (!options.fetch) checkResolvable('url', url);
  const init = toRequestInit(request);
  const { max_tokens: maxTokens } = (request.body ?? {}) as { max_tokens?: unknown };
  /** Runs `fetchWith` with a signal that also aborts when headers take longer than `timeoutMs`. */
  const withHeadersTimeout = async (
    signal: AbortSignal,
    fetchWith: (bounded: AbortSignal) => Promise<Response>,
    timeoutMs = headersTimeoutMs,
  ): Promise<Response> => {
    const controller = new AbortController();
    const abort = (reason: unknown): void => controller.abort(reason);
    // Stays attached: aborting the attempt later must still tear down the body's connection.
    onAbort(signal, () => abort(signal.reason));
    const timer =
      timeoutMs === undefined
        ? undefined
        : later(() => abort(new TimeoutError('headers', timeoutMs)), timeoutMs);
    try {
      return await fetchWith(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  /** A POST about stream `id` of a relay with resume on, carrying the request's headers. */
  const follow = (header: string, id: string, extra: RequestInit, lastEventId = ''): Promise<Response> => {
    const headers = new Headers(init.headers);
    // A reconnect's own request names the stream to resume: a cancel must not.
    headers.delete(RESUME_HEADER);
    headers.set(header, id);
    // Though it has no body: a POST of no type passes for a form, which frameworks' cross-site
    // checks refuse (Astro's checkOrigin answers 403).
    headers.set('content-type', 'application/json');
    if (lastEventId !== '') headers.set('last-event-id', lastEventId);
    const followInit: RequestInit = { method: 'POST', headers, ...extra };
    if (init.credentials) followInit.credentials = init.credentials;
    // Its headers are the request's, an API key included: no more followed to wherever a redirect leads.
    if (init.redirect) followInit.redirect = init.redirect;
    return send(fetchImpl, url, followInit);
  };
  const stream = new MessageStream({
    ...options,
    maxTokens: options.maxTokens ?? (typeof maxTokens === 'number' ? maxTokens : undefined),
    protocol: options.protocol ?? 'anthropic',
    retryDelay: retry === false ? undefined : createRetryPolicy(retry),
    connect: (_attempt, signal) =>
      withHeadersTimeout(signal, (bounded) => send(fetchImpl, url, { ...init, signal: bounded })),
    resume: (response, lastEventId, signal) => {
      const id = response?.headers.get(STREAM_ID_HEADER);
      // The relay answers a resume at once: one sent over a connection that died on the way
      // (a network that flapped) would otherwise wait for good, the answer frozen.
      return id
        ? withHeadersTimeout(
            signal,
            (bounded) => follow(RESUME_HEADER, id, { signal: bounded }, lastEventId),
            headersTimeoutMs ?? RESUME_HEADERS_TIMEOUT_MS,
          )
        : undefined;
    },
  });
  // A stream the relay keeps going for a resume is stopped there too when the user stops it: nobody
  // pays for tokens nobody reads. After a failure it goes on (until the relay's grace period ends),
  // so that Retry can read on.
  stream.on('end', () => {
    const id = stream.response?.headers.get(STREAM_ID_HEADER);
    if (!id || stream.status !== 'aborted') return;
    // Bounded as a resume is: one over a dead connection would hold its socket for minutes.
    cancelKeptStream(() =>
      withHeadersTimeout(
        new AbortController().signal,
        (bounded) => follow(CANCEL_HEADER, id, { keepalive: true, signal: bounded }),
        headersTimeoutMs ?? RESUME_HEADERS_TIMEOUT_MS,
      ),
    );
  });
  return stream;
}

/** How long a resume or a cancel waits for the relay's headers unless `headersTimeoutMs` says otherwise. */
const RESUME_HEADERS_TIMEOUT_MS = 10_000;

/**
 * Fetches, turning a failure into a {@link ConnectionError}. An abort rejects at once with its
 * reason, even while the fetch has not settled.
 */
async function send(fetchImpl: typeof fetch, url: string | URL, init: RequestInit): Promise<Response> {
  const { signal } = init;
  try {
    // A fetch of the user's own may return a response rather than a promise of one.
    const pending = Promise.resolve(fetchImpl(url, init));
    return await (signal ? untilAborted(pending, signal) : pending);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isChatStreamError(error)) throw error;
    throw new ConnectionError(`The request failed: ${messageWithCause(error)}`, { cause: error });
  }
}

/** Throws a `RangeError` / `TypeError` for an option no request can run with. */
export function checkRequestOptions(options: StreamMessageOptions): void {
  checkStreamOptions(options);
  checkNumber('headersTimeoutMs', options.headersTimeoutMs, 'positive');
  checkFunction('fetch', options.fetch);
  checkFunction('sleep', options.sleep);
  if (options.requestQueue !== undefined) {
    checkFunction(
      'requestQueue.acquire',
      (options.requestQueue as Partial<RequestQueue> | null)?.acquire,
      true,
    );
  }
  const { retry } = options;
  if (retry !== undefined && retry !== false && (typeof retry !== 'object' || retry === null)) {
    throw new TypeError('retry must be false or an object of retry options');
  }
}

function toRequestInit(request: MessageRequest): RequestInit {
  const headers = new Headers(request.headers);
  const { body, credentials } = request;
  const raw =
    body === undefined ||
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body);
  if (!raw && !headers.has('content-type')) headers.set('content-type', 'application/json');
  if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
  const init: RequestInit = { method: request.method ?? 'POST', headers };
  if (body !== undefined) init.body = raw ? (body as BodyInit) : JSON.stringify(body);
  if (credentials) init.credentials = credentials;
  // fetch drops only `authorization` when a redirect leads to another origin: an API key sent as
  // `x-api-key` (straight to Anthropic, which never redirects) must not go where one leads.
  if (headers.has('x-api-key')) init.redirect = 'manual';
  return init;
}
