import { http, type HttpHandler } from 'msw';
import { checkServeOptions } from '../check-serve-options.ts';
import { checkMessages } from '../check-messages.ts';
import { anthropicErrorBody } from '../error-bodies.ts';
import { createId } from '../ids.ts';
import { createRandom } from '../prng.ts';
import { playPlan } from '../play-plan.ts';
import { planResponse, type ServeOptions } from '../plan-response.ts';
import { createMockControls, type MockControls } from '../mock-controls.ts';
import { createRequestLog } from '../request-log.ts';
import { createScenarioPicker, type ScenarioPickerOptions } from '../scenario-picker.ts';
import type { MockScenario } from '../scenario-types.ts';

/** Options of {@link createChatHandlers}. */
export interface ChatHandlersOptions extends ServeOptions, ScenarioPickerOptions {
  /**
   * Where the handlers answer `POST` (default `'/api/chat'`). A path starting with `/` matches on any
   * origin; pass a full URL (`'https://api.anthropic.com/v1/messages'`) to pin one. Several allowed.
   */
  path?: string | readonly string[];
  /**
   * Answer a body whose `messages` the API would refuse (see `checkMessages`) with the API's 400
   * `invalid_request_error`, as a relay in front of it would pass on. Default: true for the Anthropic
   * protocol, false for `protocol: 'text'` (a plain-text backend has its own request format). Bodies
   * without a `messages` array are never checked.
   */
  checkMessages?: boolean;
  /**
   * Answer as `@chatstream/server`'s relay with `resume` on: events numbered, the stream named in a
   * `chatstream-stream-id` header, a `chatstream-resume` request (with `Last-Event-ID`) answered
   * with the rest of the stream, and a `chatstream-cancel` one with 204. A resumed stream no longer
   * drops its connection, so `faultScenarios.droppedConnection` shows a client reading on.
   */
  resume?: boolean;
}

/** MSW handlers that stream scenarios, plus their request log. */
export interface ChatHandlers extends MockControls {
  /** Pass these to `setupServer(...)` / `setupWorker(...)` or `server.use(...)`. */
  readonly handlers: HttpHandler[];
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
  const picker = createScenarioPicker(options);
  const log = createRequestLog();
  const random = createRandom(0x5eed);
  // A plain-text backend has a request format of its own: only Anthropic-style ones are checked.
  const checking = options.checkMessages ?? options.protocol !== 'text';
  const paths = typeof options.path === 'string' ? [options.path] : (options.path ?? ['/api/chat']);

  const streams = new Map<string, { chosen: MockScenario; attempt: number }>();

  const handlers = paths.map((path) =>
    http.post(path.startsWith('/') ? `*${path}` : path, async ({ request }) => {
      if (options.resume && request.headers.has('chatstream-cancel'))
        return new Response(null, { status: 204 });
      const resumed = options.resume ? request.headers.get('chatstream-resume') : null;
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
        const stream = streams.get(resumed);
        const after = Number(request.headers.get('last-event-id') ?? '0');
        if (!stream || !Number.isInteger(after) || after < 0) {
          const requestId = createId('req', random);
          log.start({ ...record, scenario: '', attempt: 0, status: 404 })('completed');
          return Response.json(
            anthropicErrorBody(
              'not_found_error',
              `No stream ${JSON.stringify(resumed)} to resume here.`,
              requestId,
            ),
            { status: 404, headers: { 'request-id': requestId } },
          );
        }
        const plan = planResponse(stream.chosen, {
          ...options,
          attempt: stream.attempt,
          resumable: { after },
        });
        const finish = log.start({
          ...record,
          scenario: stream.chosen.name,
          attempt: stream.attempt,
          status: plan.status,
        });
        return new Response(playPlan(plan, { signal: request.signal, onEnd: finish }), {
          status: plan.status,
          headers: { ...plan.headers, 'chatstream-stream-id': resumed },
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
      const plan = planResponse(chosen, { ...options, attempt, resumable: options.resume });
      const finish = log.start({
        ...record,
        scenario: chosen.name,
        attempt,
        status: plan.status,
      });
      const headers = { ...plan.headers };
      if (options.resume && plan.status === 200) {
        const id = createId('stream', random);
        streams.set(id, { chosen, attempt });
        headers['chatstream-stream-id'] = id;
      }
      return new Response(playPlan(plan, { signal: request.signal, onEnd: finish }), {
        status: plan.status,
        headers,
      });
    }),
  );

  return { handlers, ...createMockControls(log, picker) };
}

/** What the API would refuse in a body with a `messages` array; other bodies are not Messages requests. */
function conversationProblem(body: unknown): string | undefined {
  const messages = (body as { messages?: unknown } | null)?.messages;
  return Array.isArray(messages) ? checkMessages(messages) : undefined;
}
