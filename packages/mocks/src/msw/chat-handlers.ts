import { http, type HttpHandler } from 'msw';
import { type ScenarioName, scenarios } from '../catalogue.ts';
import { playPlan } from '../play-plan.ts';
import { planResponse, type ServeOptions } from '../plan-response.ts';
import { createRequestLog, type RequestRecord } from '../request-log.ts';
import type { MockScenario } from '../scenario-types.ts';
import { selectScenario } from '../select-scenario.ts';

/** Options of {@link createChatHandlers}. */
export interface ChatHandlersOptions extends ServeOptions {
  /**
   * Where the handlers answer `POST` (default `'/api/chat'`). A path starting with `/` matches on any
   * origin; pass a full URL (`'https://api.anthropic.com/v1/messages'`) to pin one. Several allowed.
   */
  path?: string | readonly string[];
  /** The scenario served when the request does not pick one (default `scenarios.basic`). */
  scenario?: MockScenario | ScenarioName;
  /** The scenarios a request may pick by name (default: the whole catalogue). */
  scenarios?: Readonly<Record<string, MockScenario>>;
  /** Let the last user message pick the scenario (`[scenario:name]`, or just the name). Default true. */
  selectFromRequest?: boolean;
}

/** MSW handlers that stream scenarios, plus their request log. */
export interface ChatHandlers {
  /** Pass these to `setupServer(...)` / `setupWorker(...)` or `server.use(...)`. */
  readonly handlers: HttpHandler[];
  /** Every request received, in order, with `aborted` / `completed` updated as streams end. */
  readonly requests: RequestRecord[];
  /** Serves this scenario from now on (for requests that do not pick one). */
  use(scenario: MockScenario | ScenarioName): void;
  /** Resolves once every stream started so far has ended (completed, aborted or dropped). */
  settled(): Promise<void>;
  /** Clears the request log and `failFirst` counters and goes back to the initial scenario. */
  reset(): void;
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
  const catalogue = options.scenarios ?? scenarios;
  const resolve = (value: MockScenario | ScenarioName): MockScenario =>
    typeof value === 'string' ? scenarios[value] : value;
  const initial = resolve(options.scenario ?? 'basic');
  let current = initial;
  const log = createRequestLog();
  const paths = typeof options.path === 'string' ? [options.path] : (options.path ?? ['/api/chat']);

  const handlers = paths.map((path) =>
    http.post(path.startsWith('/') ? `*${path}` : path, async ({ request }) => {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the raw text in the log.
      }
      const chosen =
        (options.selectFromRequest === false ? undefined : selectScenario(body, catalogue)) ?? current;
      const attempt = log.nextAttempt(chosen.name);
      const plan = planResponse(chosen, { ...options, attempt });
      const finish = log.start({
        method: request.method,
        path: new URL(request.url).pathname,
        headers: Object.fromEntries(request.headers),
        body,
        scenario: chosen.name,
        attempt,
        status: plan.status,
      });
      return new Response(playPlan(plan, { signal: request.signal, onEnd: finish }), {
        status: plan.status,
        headers: plan.headers,
      });
    }),
  );

  return {
    handlers,
    requests: log.requests,
    use(scenario) {
      current = resolve(scenario);
    },
    settled: () => log.settled(),
    reset() {
      log.clear();
      current = initial;
    },
  };
}
