import type { AllowedTool } from './allowed-tools.ts';
import type { RelayResult } from './relay-watch.ts';
import type { ResumeStore } from './resume-store.ts';
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';

/** The wire format the relay answers with. */
export type RelayProtocol = 'anthropic' | 'text';

/**
 * What the relay needs of an SDK client: `Anthropic`, and the clients of Claude on cloud platforms
 * built on it (`AnthropicBedrock`, `AnthropicVertex`), which lack some of its other resources.
 */
export interface AnthropicClient {
  /** The key, redacted from error reports; `null` for a client that signs its requests otherwise. */
  readonly apiKey?: string | null | undefined;
  /** A bearer token (`ANTHROPIC_AUTH_TOKEN`, a gateway's key), redacted from error reports too. */
  readonly authToken?: string | null | undefined;
  /** The Messages API: the relay calls `create` with `stream: true`. */
  readonly messages: Pick<Anthropic['messages'], 'create'>;
}

/** The request body the relay sends to Anthropic, after validation and the server's defaults. */
export type RelayRequestBody = MessageCreateParamsStreaming;

/** The request's `metadata` (`{ user_id }`: an opaque id of your user, which Anthropic uses against abuse). */
export type RelayMetadata = NonNullable<RelayRequestBody['metadata']>;

/** The `resume` option of `createChatHandler` as an object: see {@link ChatHandlerOptions.resume}. */
export interface ResumeOptions {
  /** How long upstream goes on after the last client left without a cancel (default 60 000 ms). */
  graceMs?: number | undefined;
  /** How long a finished stream can still be resumed (default 60 000 ms). */
  ttlMs?: number | undefined;
  /** Where streams are kept (default: this process's memory). */
  store?: ResumeStore | undefined;
  /**
   * Handed the promise of each answer's reading to its end, to keep a serverless function alive
   * (default: the handler's own {@link ChatHandlerOptions.waitUntil}).
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** Options of `createChatHandler`. */
export interface ChatHandlerOptions {
  /**
   * The Anthropic API key. Default: `process.env.ANTHROPIC_API_KEY`, read on each request (so it
   * can be set after the handler is created). Never sent to clients nor logged.
   */
  apiKey?: string | undefined;
  /** The API origin (default the SDK's: `ANTHROPIC_BASE_URL` or `https://api.anthropic.com`). */
  baseURL?: string | undefined;
  /**
   * An Anthropic SDK client to use instead of creating one (`apiKey`, `baseURL` are then unused):
   * `new Anthropic({ … })`, or Claude on a cloud platform, `new AnthropicBedrock({ … })` from
   * `@anthropic-ai/bedrock-sdk` or `new AnthropicVertex({ … })` from `@anthropic-ai/vertex-sdk`.
   * The relay's `maxRetries` applies to it (default 0), whatever the client was created with.
   */
  client?: AnthropicClient | undefined;
  /** The model used when the request names none. */
  model?: string | undefined;
  /**
   * Models a request may name. Default: only `model` when it is set; any model when neither is set.
   */
  allowedModels?: readonly string[] | undefined;
  /** The largest `max_tokens` a request may ask for (default 4096); larger requests get a 400. */
  maxTokens?: number | undefined;
  /** `max_tokens` when the request sets none (default 1024, never above `maxTokens`). */
  defaultMaxTokens?: number | undefined;
  /**
   * The largest request body in bytes (default 32 MiB, the Messages API's limit); larger bodies get
   * a 413 whose message states the limit (not this option's name: the client learns no setting). Attachments arrive as base64 in the
   * JSON, 4/3 of the files' size, and every turn sends them again: lower it only to accept less.
   */
  maxBodyBytes?: number | undefined;
  /**
   * The tools a request may declare; a request declaring another gets a 400. Default: any tool.
   * Each entry is a name or a definition:
   *
   * - A string allows a tool and lets the client define it. A custom tool (no `type`, or
   *   `type: 'custom'`) is allowed by its `name`. An Anthropic-defined tool (any other `type`: web
   *   search, web fetch, code execution, bash, the text editor, computer use) is allowed only by its
   *   exact `type` (`web_search_20250305`) or its family, the type without its trailing date
   *   (`web_search`), never by its name: with `['get_weather']`,
   *   `{ type: 'bash_20250124', name: 'get_weather' }` is refused. The client's options are sent
   *   as they came (for web search: `max_uses`, `allowed_domains`, `user_location`, …).
   * - A definition (`{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }`, or a custom
   *   tool's `{ name, description, input_schema }`) allows that tool and pins it: when a request
   *   declares it (an Anthropic tool of the same family, whatever its version; a custom tool of the
   *   same name), this definition is sent instead of the client's, keeping only the client's
   *   `cache_control` when the definition has none. Use it for tools Anthropic bills.
   *
   * A family in the list also allows a custom tool of that name, and the other way round:
   * `'web_fetch'` allows Anthropic's web fetch tool too, so name your own tools otherwise.
   *
   * @example
   * createChatHandler({
   *   model: 'claude-sonnet-4-6',
   *   allowedTools: [
   *     'get_weather',
   *     { type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['docs.example.com'] },
   *   ],
   * });
   */
  allowedTools?: readonly AllowedTool[] | undefined;
  /**
   * The system prompt. When set, it is always sent and a request that brings its own `system`
   * gets a 400 (clients must not replace the server's instructions).
   */
  system?: RelayRequestBody['system'] | undefined;
  /**
   * Extra top-level request fields clients may send, beyond `model`, `max_tokens`, `messages`,
   * `system`, `tools`, `tool_choice`, `temperature`, `top_p`, `top_k`, `stop_sequences`, `thinking`,
   * `metadata` and `stream`. Anything else gets a 400.
   */
  allowedParams?: readonly string[] | undefined;
  /**
   * Prompt caching: sent as the request's top-level `cache_control`, so the API caches the
   * conversation up to its last block and the next turn reads that prefix at a tenth of the input
   * price instead of paying for it again (what is written costs 1.25×). A cache lives 5 minutes
   * since its last use, or an hour with `ttl: '1h'` (written at 2×). Off by default: in a chat whose
   * turns are further apart than that, every turn writes the whole conversation again at the higher
   * price. Prompts shorter than the model's minimum (1,024 tokens for most) are not cached, at no cost.
   *
   * @example
   * createChatHandler({ model: 'claude-sonnet-4-6', cacheControl: { type: 'ephemeral' } });
   */
  cacheControl?: { type: 'ephemeral'; ttl?: '5m' | '1h' | undefined } | undefined;
  /**
   * The request's `metadata`, in place of the client's: an object, or a function of the request
   * (it may be async) whose result is sent (`undefined`: no metadata). It runs after `authorize`,
   * before `beforeRequest` (which sees it in the body). Without it, a client's `metadata` passes as
   * sent, so a caller can name any `user_id`, and Anthropic's abuse signals land on that user.
   *
   * @example
   * createChatHandler({
   *   model: 'claude-sonnet-4-6',
   *   metadata: async (request) => ({ user_id: (await sessionOf(request)).userHash }),
   * });
   */
  metadata?:
    | RelayMetadata
    | ((request: Request) => RelayMetadata | undefined | Promise<RelayMetadata | undefined>)
    | undefined;
  /**
   * Beta features to turn on, sent as the `anthropic-beta` header of every request to Anthropic
   * (e.g. `['context-management-2025-06-27']`). Betas are the server's choice: a client cannot send
   * the header through the relay.
   *
   * @example
   * createChatHandler({ model: 'claude-sonnet-4-6', betas: ['context-management-2025-06-27'] });
   */
  betas?: readonly string[] | undefined;
  /** The response format: Anthropic SSE events unchanged (default) or plain `data: <text>` + `[DONE]`. */
  protocol?: RelayProtocol | undefined;
  /**
   * Sends a ping when nothing was sent for this long while streaming (default 5 000 ms; 0 turns it
   * off), so proxies, load balancers and servers keep an idle stream open: `Bun.serve` closes one
   * after 10 s of silence by default.
   */
  pingIntervalMs?: number | undefined;
  /**
   * Ends an answer whose upstream sent nothing for this long once it began streaming (default: never):
   * upstream is aborted, and the client gets an in-band `timeout_error` after what arrived. The
   * relay's pings keep the browser's `idleTimeoutMs` from seeing a silent model, so this is where a
   * stuck answer can end. Anthropic's API pings while it works; leave room for an upstream that does
   * not (a minute, say).
   */
  upstreamIdleTimeoutMs?: number | undefined;
  /**
   * Resumable streams. The relay reads each answer to its end whether or not the browser is still
   * connected, numbers its events (`id: 1`, `id: 2`, …) and keeps them in memory, and names the
   * stream in a `chatstream-stream-id` response header. A client whose connection dropped mid-answer
   * (a train tunnel, a switch from Wi-Fi to mobile) POSTs to the same route with
   * `chatstream-resume: <id>` and `Last-Event-ID`, and reads on from the next event: `streamMessage`
   * and `useStreamingChat` do this by themselves. A Stop sends `chatstream-cancel: <id>`, which
   * aborts upstream at once.
   *
   * - `graceMs` (default 60 000): how long upstream goes on after the last client left without a
   *   cancel (a closed tab, a phone in a tunnel), waiting for a resume. Tokens generated meanwhile
   *   are paid for; an outage longer than this ends the answer where it was.
   * - `ttlMs` (default 60 000): how long a finished stream can still be resumed.
   *
   * - `store`: where streams are kept. Default: this process's memory, so behind several instances
   *   a stream's resumes must reach the instance that started it. Give every instance the same
   *   shared {@link ResumeStore} (Redis, say) and any of them serves a resume or a Stop.
   * - `waitUntil`: handed the promise of each answer's reading to its end (default: the handler's
   *   `waitUntil`). On serverless platforms that stop a function once its response is sent, pass
   *   theirs (`waitUntil` of `@vercel/functions`, or of `cloudflare:workers`): without it, Workers
   *   stop reading an answer when its client leaves, and a resume gets what was kept, then ends
   *   after the store's `maxAgeMs`.
   *
   * Resume and cancel requests skip `authorize` and `beforeRequest`: the stream id, 122 random
   * bits given only to the client that started it, is the key.
   *
   * @example
   * createChatHandler({ model: 'claude-sonnet-4-6', resume: true });
   */
  resume?: boolean | ResumeOptions | undefined;
  /**
   * Retries the SDK makes before the stream starts (default 0: the browser client retries, and
   * retrying in both places multiplies the waits). Applies to every call to Anthropic, an injected
   * `client`'s included: its own `maxRetries` is not used, set this option instead.
   */
  maxRetries?: number | undefined;
  /**
   * Runs before the request's body is read: authenticate and rate limit here. Return a `Response`
   * (a 401, a 429) to answer with it instead. A caller it refuses learns nothing from the relay's
   * validation errors (the `max_tokens` cap, which models and tools it takes) and costs no parsing.
   * Resume and cancel requests skip it, as they skip `beforeRequest`: the stream id is their key.
   *
   * @example
   * createChatHandler({
   *   model: 'claude-sonnet-4-6',
   *   authorize: async (request) => {
   *     if (!(await isSignedIn(request))) return new Response('Sign in first', { status: 401 });
   *   },
   * });
   */
  authorize?:
    | ((request: Request) => Response | undefined | void | Promise<Response | undefined | void>)
    | undefined;
  /**
   * Runs after the request passed validation and before Anthropic is called: rate limit by what
   * the body asks, log, or adjust `body` in place. Return a `Response` to answer with it instead.
   * It sees the body, so it runs after the body was read and checked: authenticate in `authorize`.
   */
  beforeRequest?:
    | ((
        request: Request,
        body: RelayRequestBody,
      ) => Response | undefined | void | Promise<Response | undefined | void>)
    | undefined;
  /**
   * Called with every upstream or relay failure, once, for your logs: HTTP errors and dropped
   * streams as they happen, and a failure the stream carries (an `error` event, an event that
   * cannot be read, an end without `message_stop`) as it ends. The
   * key is never part of what the relay reports: an error that quotes it (an upstream or proxy
   * message) comes with the key replaced by `[redacted]` in its message, stack, API error body and
   * causes, and keeps its class, `status`, `requestID`, `type` and `headers`.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Called once for every request relayed to Anthropic, when it ended: complete, failed (an HTTP
   * error, an `error` event, a cut stream) or left by the client, with the message as far as it
   * arrived. Its `usage` is what the request cost: record it for quotas, billing or logs. Setting it
   * makes the relay read the events it forwards (still unchanged and unbuffered). A promise it
   * returns is handed to `waitUntil` (a rejection goes to `onError`). On a platform that ends a
   * request's work with its response (Workers), it runs for a client that left only with `waitUntil`.
   *
   * @example
   * onFinish: ({ outcome, message }, request) =>
   *   usage.record(userOf(request), outcome, message?.usage.input_tokens, message?.usage.output_tokens)
   */
  onFinish?:
    | ((result: RelayResult, request: Request) => void)
    | ((result: RelayResult, request: Request) => Promise<void>)
    | undefined;
  /**
   * A platform's `waitUntil`, to finish the relay's work after the response (or the client) is
   * gone: it is handed a promise that settles once `onFinish` ran (and the promise it returned
   * settled), and, with `resume`, the reading of each answer to its end (unless `resume.waitUntil`
   * is set). On Cloudflare Workers pass `waitUntil` of `cloudflare:workers`: without it, a request
   * whose client left is torn down before `onFinish` is called. Vercel: `@vercel/functions`.
   *
   * @example
   * import { waitUntil } from 'cloudflare:workers';
   * createChatHandler({ model: 'claude-sonnet-4-6', waitUntil, onFinish: recordUsage });
   */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}
