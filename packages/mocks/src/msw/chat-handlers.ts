import { CANCEL_HEADER, REPLAY_HEADER, RESUME_HEADER, STREAM_ID_HEADER } from '@chatstream/reader';
import { http, type HttpHandler } from 'msw';
import { scenarios } from '../catalogue.ts';
import { checkServeOptions } from '../check-serve-options.ts';
import { checkMessages } from '../check-messages.ts';
import { checkTools } from '../check-tools.ts';
import { anthropicErrorBody } from '../error-bodies.ts';
import { createId } from '../ids.ts';
import { createRandom } from '../prng.ts';
import { playPlan, type StreamOutcome } from '../play-plan.ts';
import { planMessageResponse } from '../plan-message-response.ts';
import { planResponse, type ServeOptions } from '../plan-response.ts';
import { createMockControls, type MockControls } from '../mock-controls.ts';
import { createRequestLog, type RequestLogOptions } from '../request-log.ts';
import { createScenarioPicker, type ScenarioPickerOptions } from '../scenario-picker.ts';
import { checkResumeOption, createKeptStreams, type ResumeOptions } from './kept-streams.ts';
import { createInPageFetch } from './in-page-fetch.ts';

/** Options of {@link createChatHandlers}. */
export interface ChatHandlersOptions extends ServeOptions, ScenarioPickerOptions, RequestLogOptions {
  /**
   * Where the handlers answer `POST` (default `'/api/chat'`). A path starting with `/` matches on any
   * origin; pass a full URL (`'https://api.anthropic.com/v1/messages'`) to pin one. Several allowed.
   */
  path?: string | readonly string[] | undefined;
  /**
   * Answer a body whose `messages` the API would refuse (see `checkMessages`) with the API's 400
   * `invalid_request_error`, as a relay in front of it would pass on. Default: true for the Anthropic
   * protocol, false for `protocol: 'text'` (a plain-text backend has its own request format). Bodies
   * without a `messages` array are never checked.
   */
  checkMessages?: boolean | undefined;
  /**
   * Answer as `@chatstream/server`'s relay with `resume` on: events numbered, the stream named in a
   * `chatstream-stream-id` header, a `chatstream-resume` request (with `Last-Event-ID`; none means
   * 0) answered with the rest of the stream and a `chatstream-replay` header, a `chatstream-cancel`
   * one with 204, an unknown stream (resume or cancel) with a 404 `not_found_error`, and a
   * `Last-Event-ID` that is not a whole number or is past the stream's last event with a 400
   * `invalid_request_error`. A resumed stream no longer drops its connection, so
   * `faultScenarios.droppedConnection` shows a client reading on.
   *
   * Where the streams are kept:
   * - `true`: in these handlers' memory; the rest of a resumed stream keeps its own pace (as if
   *   nothing was generated while the client was away: `chatstream-replay` is the `Last-Event-ID`).
   *   A stream is forgotten when cancelled, a minute after it was served to its end (the relay's
   *   default `ttlMs`) or 5 minutes after it began; a resume or cancel of it then gets the 404.
   * - `{ storage: sessionStorage }`: in that storage, so that the handlers of a reloaded page resume
   *   them too (`session.reconnect()` after `persistChat`). A resume answers as the relay that kept
   *   generating meanwhile: the events due by now (by the plan's delays since the stream began) come
   *   at once, the rest on their schedule, and `chatstream-replay` counts those that were due. A
   *   stream is kept as its scenario's name, attempt and start time (plus its request, up to 100,000
   *   characters, when the catalogue cannot name the scenario: attachments, a custom one), and
   *   forgotten when cancelled, a minute after it was served to its end (the relay's default
   *   `ttlMs`), 5 minutes after it began, or once 8 newer ones are kept.
   */
  resume?: boolean | ResumeOptions | undefined;
}

/** MSW handlers that stream scenarios, plus their request log. */
export interface ChatHandlers extends MockControls {
  /** Pass these to `setupServer(...)` / `setupWorker(...)` or `server.use(...)`. */
  readonly handlers: HttpHandler[];
  /**
   * A `fetch` that answers from these handlers in the page, with no worker or server (anything else
   * goes to the page's `fetch` as it was when the handlers were created): for Safari, whose worker
   * cannot stream (see `createInPageFetch`, which also takes the `fetch` to fall back to).
   */
  readonly fetch: typeof fetch;
}

/**
 * Creates MSW 2 handlers that answer chat requests with a streamed scenario. Aborting the request
 * stops the stream and marks the request `aborted` in `requests`.
 *
 * @example
 * const chat = createChatHandlers({ timing: 'instant' });
 * const server = setupServer(...chat.handlers);
 * chat.use(scenarios.toolUse);
 */
export function createChatHandlers(options: ChatHandlersOptions = {}): ChatHandlers {
  checkServeOptions(options);
  checkResumeOption(options.resume);
  const picker = createScenarioPicker(options);
  const log = createRequestLog(options);
  const random = createRandom(0x5eed);
  const { resume } = options;
  const kept = resume ? createKeptStreams(resume, picker, options.scenarios ?? scenarios) : undefined;
  // Stored streams outlive this page: a new page must not draw the ids an earlier one gave out.
  const streamIds = typeof resume === 'object' ? createRandom(Math.random() * 2 ** 32) : random;
  // A plain-text backend has a request format of its own: only Anthropic-style ones are checked.
  const checking = options.checkMessages ?? options.protocol !== 'text';
  const paths = typeof options.path === 'string' ? [options.path] : (options.path ?? ['/api/chat']);

  const handlers = paths.map((path) =>
    http.post(path.startsWith('/') ? `*${path}` : path, async ({ request }) => {
      const cancelled = kept ? request.headers.get(CANCEL_HEADER) : null;
      if (cancelled !== null) {
        // As the relay: a cancel wins over a resume, and needs a stream to cancel.
        if (!kept?.find(cancelled)) return unknownStream(cancelled, 'cancel');
        kept.cancelled(cancelled);
        return new Response(null, { status: 204 });
      }
      const resumed = kept ? request.headers.get(RESUME_HEADER) : null;
      const text = await request.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the raw text in the log.
      }
      const record = {
        method: request.method,
        path: new URL(request.url).pathname,
        headers: Object.fromEntries(request.headers),
        body,
      };
      if (resumed !== null) {
        const stream = kept?.find(resumed);
        if (!stream) {
          log.start({ ...record, scenario: '', attempt: 0, status: 404 })('completed');
          return unknownStream(resumed, 'resume');
        }
        // The relay's rules: no header is 0 (from the start); anything but a whole number is refused.
        const last = request.headers.get('last-event-id') ?? '0';
        const after = /^\d{1,15}$/u.test(last) ? Number(last) : Number.NaN;
        const { startedAt } = stream;
        const elapsed = startedAt === undefined ? undefined : Math.max(0, Date.now() - startedAt);
        const plan = planResponse(stream.chosen, {
          ...options,
          attempt: stream.attempt,
          resumable: { after: Number.isNaN(after) ? 0 : after, elapsed },
        });
        const events = plan.events ?? 0;
        if (Number.isNaN(after) || after > events) {
          const requestId = createId('req', random);
          log.start({ ...record, scenario: '', attempt: 0, status: 400 })('completed');
          return Response.json(
            anthropicErrorBody(
              'invalid_request_error',
              `last-event-id: must be the id of an event this stream sent (0 to ${events}), got ${JSON.stringify(last)}.`,
              requestId,
            ),
            { status: 400, headers: { 'request-id': requestId } },
          );
        }
        const finish = log.start({
          ...record,
          scenario: stream.chosen.name,
          attempt: stream.attempt,
          status: plan.status,
        });
        const onEnd = ends(finish, resumed);
        return new Response(playPlan(plan, { signal: request.signal, onEnd }), {
          status: plan.status,
          headers: withStreamId(plan.headers, resumed),
        });
      }
      const problem = checking ? conversationProblem(body) : undefined;
      if (problem !== undefined) {
        const requestId = createId('req', random);
        log.start({ ...record, scenario: '', attempt: 0, status: 400 })('completed');
        return Response.json(anthropicErrorBody('invalid_request_error', problem, requestId), {
          status: 400,
          headers: { 'request-id': requestId },
        });
      }
      const chosen = picker.pick(body);
      const attempt = log.nextAttempt(chosen.name);
      // A request straight to the Messages API (the SDK sends anthropic-version) without
      // `stream: true` (`client.messages.create()`) wants the whole message as JSON.
      const whole =
        request.headers.has('anthropic-version') && (body as { stream?: unknown } | null)?.stream !== true;
      const served = { ...options, ...picker.served(), attempt };
      const plan = whole
        ? planMessageResponse(chosen, served)
        : planResponse(chosen, { ...served, resumable: Boolean(kept) });
      const finish = log.start({
        ...record,
        scenario: chosen.name,
        attempt,
        status: plan.status,
      });
      let headers = plan.headers;
      let onEnd = finish;
      if (kept && plan.status === 200 && !whole) {
        const id = createId('stream', streamIds);
        kept.keep(id, { chosen, attempt }, text);
        headers = withStreamId(headers, id);
        onEnd = ends(finish, id);
      }
      return new Response(playPlan(plan, { signal: request.signal, onEnd }), {
        status: plan.status,
        headers,
      });
    }),
  );

  /** The relay's 404 for a resume or cancel of a stream it does not keep. */
  function unknownStream(id: string, verb: 'resume' | 'cancel'): Response {
    const requestId = createId('req', random);
    return Response.json(
      anthropicErrorBody('not_found_error', `No stream ${JSON.stringify(id)} to ${verb} here.`, requestId),
      { status: 404, headers: { 'request-id': requestId } },
    );
  }

  /** `finish`, and the stream's end for the kept streams when it was served to its end. */
  function ends(finish: (outcome: StreamOutcome) => void, id: string): (outcome: StreamOutcome) => void {
    return (outcome) => {
      if (outcome === 'completed') kept?.ended(id);
      finish(outcome);
    };
  }

  return { handlers, fetch: createInPageFetch(handlers), ...createMockControls(log, picker) };
}

/** What the API would refuse in a body with a `messages` array; other bodies are not Messages requests. */
function conversationProblem(body: unknown): string | undefined {
  const { messages, tools, tool_choice: toolChoice } = (body ?? {}) as Record<string, unknown>;
  return Array.isArray(messages) ? (checkMessages(messages) ?? checkTools(tools, toolChoice)) : undefined;
}

/** `headers` naming stream `id`, readable by a page on another origin, as the relay's. */
function withStreamId(headers: Record<string, string>, id: string): Record<string, string> {
  return {
    ...headers,
    [STREAM_ID_HEADER]: id,
    'access-control-expose-headers': `${STREAM_ID_HEADER}, ${REPLAY_HEADER}, request-id`,
  };
}
