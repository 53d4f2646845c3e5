import { CANCEL_HEADER, joinTextBlocks, RESUME_HEADER, STREAM_ID_HEADER } from '@chatstream/reader';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { abortError, abortReason } from './abort-reason.ts';
import { createAnthropicSource } from './anthropic-source.ts';
import { HEARTBEAT_MS } from './keep-stream.ts';
import { bodyTooLargeResponse } from './body-too-large.ts';
import { checkHandlerOptions } from './check-handler-options.ts';
import type { ChatHandlerOptions, RelayRequestBody, ResumeOptions } from './chat-handler-options.ts';
import { errorResponse, jsonErrorResponse } from './error-response.ts';
import { readBody } from './read-body.ts';
import type { ReadKeptStreamOptions } from './read-kept-stream.ts';
import { redact, type Secrets } from './redact.ts';
import { redactError } from './redact-error.ts';
import type { RelaySource } from './relay-source.ts';
import { MAX_NESTING_DEPTH, textNestsDeeperThan } from './nesting-depth.ts';
import { createRelayStream } from './relay-stream.ts';
import { type RelayWatch, type WatchedRequest, watchEvents, watchRelay, watchSource } from './relay-watch.ts';
import {
  apiKeyOf,
  credentialsOf,
  BEDROCK,
  createClientResolver,
  type ResolvedClient,
  upstreamName,
} from './resolve-client.ts';
import { createMemoryResumeStore, DEFAULT_MEMORY_MAX_AGE_MS } from './memory-resume-store.ts';
import { createStreamRegistry, sseHeaders, type StreamRegistry } from './stream-registry.ts';
import { ANTHROPIC_PING, anthropicErrorEvent, COMMENT_PING, textErrorEvent } from './sse-frames.ts';
import { createTextSource } from './text-source.ts';
import { capitalized, describeUpstreamError, upstreamRequestId } from './upstream-error.ts';
import {
  eventsWithUpstreamIdleTimeout,
  UPSTREAM_IDLE_TIMEOUT,
  withUpstreamIdleTimeout,
} from './upstream-idle-timeout.ts';
import { validateParsed } from './validate-request.ts';
import { hookAnswer } from './hook-answer.ts';

/** A Web-standard request handler: Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers. */
export type ChatHandler = (request: Request) => Promise<Response>;

/** A fetch `Request` (of this realm or another: duck-typed). */
const isRequest = (value: unknown): value is Request =>
  typeof (value as Request | undefined)?.headers?.get === 'function' &&
  typeof (value as Request).method === 'string';

/**
 * The default `maxBodyBytes`, 32 MiB: what the Messages API takes. Attachments travel as base64 and
 * every turn sends the conversation again, so a chat with a few photos or a PDF soon passes a few MiB.
 */
export const DEFAULT_MAX_BODY_BYTES = 33_554_432;

/** The default `pingIntervalMs`. */
export const DEFAULT_PING_INTERVAL_MS = 5_000;

/** The default `resume.graceMs`: how long upstream goes on after the client's connection dropped. */
export const DEFAULT_RESUME_GRACE_MS = 60_000;

/** The default `resume.ttlMs`: how long a finished stream can still be resumed. */
export const DEFAULT_RESUME_TTL_MS = 60_000;

/**
 * Creates the relay route in front of the Anthropic Messages API: it runs `authorize` before the
 * body is read, validates the request (400, 405, 413 with Anthropic-style JSON errors), calls
 * Anthropic with the official SDK and streams the SSE events back unchanged and unbuffered. The key
 * stays on the server. When the client goes away, the upstream request is aborted (with `resume`,
 * after a grace period in which the client may come back and read on; a cancel request aborts it
 * at once). Errors before the stream keep Anthropic's status and body; errors after it began
 * arrive in band as an `error` event. An option that cannot work (a NaN, a name where a list
 * belongs) throws a `TypeError` or `RangeError` here, when the relay starts.
 *
 * @example
 * // app/api/chat/route.ts (Next.js)
 * import { createChatHandler } from '@chatstream/server';
 *
 * export const POST = createChatHandler({ model: 'claude-sonnet-4-6', maxTokens: 2048 });
 */
export function createChatHandler(options: ChatHandlerOptions = {}): ChatHandler {
  checkHandlerOptions(options);
  const resolveClient = createClientResolver(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const registry = options.resume ? createResumeRegistry(options) : undefined;
  // Errors are reported with the key redacted: an upstream message (or a proxy's) may quote it.
  const report = (error: unknown, request: Request, secret?: Secrets): void => {
    if (!options.onError) return;
    const key = secret ?? reportedKey(options);
    try {
      options.onError(redactError(error, key), request);
    } catch {
      // A failing logger must not take the stream down with it.
    }
  };
  const watchFor = (request: Request, watched: WatchedRequest, secret: Secrets): RelayWatch | undefined => {
    const { onFinish } = options;
    // With onError alone too: a failure the stream carries (an error event) is no HTTP error.
    if (!onFinish && !options.onError) return undefined;
    let settle = noop;
    // Handed over now, in the request's own context: a platform that ends the request's work with
    // its response (Workers) would otherwise never call onFinish for a client that left.
    options.waitUntil?.(new Promise<void>((resolve) => (settle = resolve)));
    return watchRelay(watched, (result, inStream) => {
      if (inStream) report(result.error, request, secret);
      const error = redactError(result.error, secret);
      // An async onFinish (a billing write) is waited for too.
      let finishing: unknown;
      try {
        finishing = onFinish?.(error === result.error ? result : { ...result, error }, request);
      } catch (thrown) {
        report(thrown, request, secret);
      }
      void Promise.resolve(finishing)
        .catch((thrown: unknown) => report(thrown, request, secret))
        .finally(settle);
    });
  };

  const readerOptions = (request: Request): ReadKeptStreamOptions => ({
    ping: options.protocol === 'text' ? COMMENT_PING : ANTHROPIC_PING,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
    onError: (error: unknown): void => report(error, request),
  });

  return async (given) => {
    // Astro, SvelteKit and SolidStart hand a route a context whose `request` is the Request: then
    // `export const POST = createChatHandler(…)` works there as in Next.js.
    const request = isRequest(given) ? given : (given as { request?: unknown } | undefined)?.request;
    if (!isRequest(request)) {
      report(new TypeError('The chat handler takes a Request, or a context with one as `request`'), given);
      return errorResponse(500, 'api_error', 'Internal server error.');
    }
    try {
      return await handle(request);
    } catch (error) {
      report(error, request);
      return errorResponse(500, 'api_error', 'Internal server error.');
    }
  };

  async function handle(request: Request): Promise<Response> {
    const continued = registry
      ? await registry.answer(request, readerOptions(request))
      : refuseResume(request);
    if (continued) return continued;
    if (request.method !== 'POST') {
      return errorResponse(405, 'invalid_request_error', `Method ${request.method} not allowed; use POST.`, {
        allow: 'POST',
      });
    }
    // Before the body is read: a caller it refuses learns nothing of the configuration from
    // validation errors, and costs no reading or parsing of up to maxBodyBytes.
    const refused = hookAnswer(await options.authorize?.(request), 'authorize');
    if (refused) return refused;
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/iu.test(contentType)) {
      return errorResponse(400, 'invalid_request_error', 'content-type: must be application/json.');
    }
    const read = await readBody(request, maxBodyBytes).catch((error: unknown) => {
      // The browser left while its request was read: its doing, no failure to report, and nobody
      // to answer (499, as nginx logs it).
      if (request.signal.aborted) return undefined;
      throw error;
    });
    if (!read) return new Response(null, { status: 499 });
    if (!read.ok && read.reason === 'not-utf8') {
      return errorResponse(400, 'invalid_request_error', 'The request body is not UTF-8 text.');
    }
    if (!read.ok) return bodyTooLargeResponse(maxBodyBytes);
    if (textNestsDeeperThan(read.text, MAX_NESTING_DEPTH)) {
      return errorResponse(
        400,
        'invalid_request_error',
        `The request body is nested more than ${MAX_NESTING_DEPTH} levels deep.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text);
    } catch {
      return errorResponse(400, 'invalid_request_error', 'The request body is not valid JSON.');
    }
    const validation = validateParsed(parsed, options, true);
    if (!validation.ok) return errorResponse(400, 'invalid_request_error', validation.message);
    const body = validation.body;
    if (typeof options.metadata === 'function') {
      const metadata = await options.metadata(request);
      if (metadata !== undefined) body.metadata = metadata;
    }

    let resolved: ReturnType<typeof resolveClient>;
    try {
      resolved = resolveClient();
    } catch (error) {
      // A client the SDK would not create (Deno without --allow-env) fails every request alike:
      // asking again cannot help.
      report(error, request);
      return errorResponse(500, 'api_error', 'The server could not create its Anthropic client.', {
        'x-should-retry': 'false',
      });
    }
    if (!resolved) {
      // A deployment without its key fails every request: the app's logs must hear it too.
      const why =
        options.apiKey === ''
          ? 'the apiKey option is empty (an unset variable?): pass the key, or leave apiKey out to read ANTHROPIC_API_KEY.'
          : 'set ANTHROPIC_API_KEY, or pass apiKey or client.';
      report(new Error(`No Anthropic API key: ${why}`), request);
      return errorResponse(500, 'api_error', 'The server has no Anthropic API key configured.', {
        'x-should-retry': 'false',
      });
    }
    // After the key is known: every request beforeRequest lets through then reaches Anthropic and
    // onFinish, so a count it raises (answers in flight) always comes down.
    const early = hookAnswer(await options.beforeRequest?.(request, body), 'beforeRequest');
    if (early) return early;
    return relay(request, body, resolved);
  }

  async function relay(
    request: Request,
    body: RelayRequestBody,
    resolved: ResolvedClient,
  ): Promise<Response> {
    const startedAt = performance.now();
    const { model } = body;
    const upstream = new AbortController();
    // The reason outlives the request in the SDK: whatever aborts, its stack must hold no frames
    // (see abortReason), nor may the default one, which abort() would make right here.
    const abortUpstream = (reason: unknown = abortError('The relay stopped reading upstream.')): void =>
      upstream.abort(abortReason(reason));
    const clientAborted = (): void => abortUpstream(request.signal.reason);
    if (request.signal.aborted) clientAborted();
    request.signal.addEventListener('abort', clientAborted, { once: true });
    // Let go once the response ended: Deno aborts the signal of every request it answered, and
    // that must not abort an upstream that is done.
    const stopListening = (): void => request.signal.removeEventListener('abort', clientAborted);
    const requestOptions = {
      signal: upstream.signal,
      // Per request, so an injected client's own default (2 retries) is not used either.
      maxRetries: options.maxRetries ?? 0,
      ...(options.betas?.length ? { headers: { 'anthropic-beta': options.betas.join(',') } } : {}),
    };
    const protocol = options.protocol ?? 'anthropic';
    const { secret } = resolved;
    const upstreamAPI = upstreamName(resolved.client);

    let response: Response;
    let events: AsyncIterable<RawMessageStreamEvent> | undefined;
    try {
      const call = resolved.client.messages.create(body, requestOptions);
      if (protocol === 'text') {
        const result = await call.withResponse();
        response = result.response;
        events = result.data;
      } else {
        response = await call.asResponse();
      }
    } catch (error) {
      stopListening();
      if (!upstream.signal.aborted) report(error, request, secret);
      const failure = describeUpstreamError(error, secret, upstreamAPI);
      const watch = watchFor(request, { requestId: failure.headers['request-id'], model, startedAt }, secret);
      // A client that left while a retry waited: the SDK's abort error is not a failure.
      if (upstream.signal.aborted) watch?.end('aborted');
      else watch?.end('error', error);
      return jsonErrorResponse(failure.status, failure.body, failure.headers);
    }

    const upstreamType = response.headers.get('content-type') ?? '';
    if (!upstreamType.toLowerCase().startsWith('text/event-stream') || !response.body) {
      stopListening();
      abortUpstream();
      await response.body?.cancel().catch(() => undefined);
      const error = new Error(
        `Got ${response.status} with content-type ${upstreamType || 'none'} from ${upstreamAPI}.`,
      );
      report(error, request, secret);
      watchFor(request, { requestId: upstreamRequestId(response.headers), model, startedAt }, secret)?.end(
        'error',
        error,
      );
      // Answered (a gateway that strips the type, a 204): asked again, each try may be paid again.
      return errorResponse(
        502,
        'api_error',
        `${error.message} Expected an event stream.`,
        response.ok ? { 'x-should-retry': 'false' } : {},
      );
    }

    const requestId = upstreamRequestId(response.headers);
    const headers = sseHeaders();
    const watch = watchFor(
      request,
      {
        requestId,
        model,
        startedAt,
        get streamId() {
          return headers.get(STREAM_ID_HEADER) ?? undefined;
        },
      },
      secret,
    );
    // The text protocol builds its error events itself; Anthropic's are forwarded, so an upstream
    // error event quoting the key is redacted on the way (the rest passes unchanged).
    const { upstreamIdleTimeoutMs } = options;
    const limit =
      upstreamIdleTimeoutMs === undefined
        ? undefined
        : { idleMs: upstreamIdleTimeoutMs, upstream: capitalized(upstreamAPI), stop: abortUpstream };
    // The text protocol's source waits for text, skipping pings and thinking: its limit goes on the
    // SDK's events, each of which shows upstream alive.
    const timedEvents = events && limit ? eventsWithUpstreamIdleTimeout(events, limit) : events;
    const upstreamSource: RelaySource = timedEvents
      ? createTextSource(
          watch ? watchEvents(timedEvents, watch) : timedEvents,
          abortUpstream,
          continuedText(body['messages']),
        )
      : createAnthropicSource(response.body, abortUpstream, secret, upstreamAPI === BEDROCK);
    const source = limit && !events ? withUpstreamIdleTimeout(upstreamSource, limit) : upstreamSource;
    // Upstream is aborted when the client leaves, and when it stayed silent too long: only the first
    // is the client's doing (the second still owes the client its error event).
    const clientLeft = (): boolean =>
      upstream.signal.aborted &&
      (upstream.signal.reason as Error | undefined)?.name !== UPSTREAM_IDLE_TIMEOUT;
    const relayed = watch ? watchSource(source, watch, !events, clientLeft) : source;
    const { ping, pingIntervalMs } = readerOptions(request);
    const onError = (error: unknown): void => report(error, request, secret);
    const errorEvent = (error: unknown): Uint8Array => {
      const { body: errorJSON } = describeUpstreamError(error, secret, upstreamAPI);
      const message = redact(errorJSON.error.message, secret);
      return protocol === 'text'
        ? textErrorEvent(message)
        : anthropicErrorEvent(errorJSON.error.type, message);
    };
    if (requestId !== undefined) headers.set('request-id', requestId);
    if (registry) {
      // From here a dropped connection is the client's to resume: upstream goes on for the grace period.
      stopListening();
      const kept = await registry.keep(relayed, { ping, pingIntervalMs, onError, errorEvent }, headers);
      return new Response(kept, { status: 200, headers });
    }
    const stream = createRelayStream(relayed, {
      ping,
      pingIntervalMs,
      isAborted: clientLeft,
      onError,
      errorEvent,
      onEnd: stopListening,
    });
    return new Response(stream, { status: 200, headers });
  }
}

function createResumeRegistry(options: ChatHandlerOptions): StreamRegistry {
  const { resume = true, pingIntervalMs = DEFAULT_PING_INTERVAL_MS } = options;
  const {
    graceMs = DEFAULT_RESUME_GRACE_MS,
    ttlMs = DEFAULT_RESUME_TTL_MS,
    store,
    waitUntil = options.waitUntil,
  }: ResumeOptions = typeof resume === 'object' ? resume : {};
  // Several heartbeats long: a stream is forgotten only once its reading surely stopped.
  const maxAgeMs = Math.max(DEFAULT_MEMORY_MAX_AGE_MS, Math.ceil(4 * (pingIntervalMs || HEARTBEAT_MS)));
  return createStreamRegistry({
    graceMs,
    ttlMs,
    store: store ?? createMemoryResumeStore({ maxAgeMs }),
    local: store === undefined,
    waitUntil,
  });
}

/**
 * The key to redact from a report made without one at hand. The failure being reported may be the
 * key's own (an environment that cannot be read): it must still reach `onError`.
 */
function reportedKey(options: ChatHandlerOptions): Secrets {
  try {
    return options.client ? credentialsOf(options.client) : apiKeyOf(options);
  } catch {
    return undefined;
  }
}

function noop(): void {
  // Replaced by the promise's resolve.
}

/** A resume or cancel sent to a relay that keeps no streams gets a 404 that says why. */
function refuseResume(request: Request): Response | undefined {
  const header = [RESUME_HEADER, CANCEL_HEADER].find((name) => request.headers.has(name));
  if (header === undefined) return undefined;
  return errorResponse(
    404,
    'not_found_error',
    `${header}: this relay keeps no streams to resume or cancel (its resume option is off).`,
  );
}

/**
 * How the request continues an answer with text (its last message is the assistant's: a Continue,
 * or a prefill): what streams joins that text, a blank line before text after a search, also when
 * the answer already ended on one. Undefined for a new answer.
 */
function continuedText(messages: unknown): 'text' | 'after-other' | undefined {
  const last = Array.isArray(messages)
    ? (messages.at(-1) as { role?: unknown; content?: unknown })
    : undefined;
  if (last?.role !== 'assistant') return undefined;
  const { content } = last;
  if (typeof content === 'string') return content === '' ? undefined : 'text';
  if (!Array.isArray(content) || joinTextBlocks(content as object[]) === '') return undefined;
  return (content.at(-1) as { type?: unknown } | undefined)?.type === 'text' ? 'text' : 'after-other';
}
