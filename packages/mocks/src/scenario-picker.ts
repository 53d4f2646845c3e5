import { attachmentsScenario } from './attachments-scenario.ts';
import { type ScenarioName, scenarios } from './catalogue.ts';
import { checkScenario, checkServeOptions, shown } from './check-serve-options.ts';
import type { ServeOptions } from './plan-response.ts';
import { continuePrefill } from './continue-prefill.ts';
import type { MockScenario } from './scenario-types.ts';
import { selectScenario } from './select-scenario.ts';

/** How a mock backend decides what to serve. */
export interface ScenarioPickerOptions {
  /** The scenario served when the request does not pick one (default `scenarios.basic`). */
  scenario?: MockScenario | ScenarioName | undefined;
  /** The scenarios a request may pick by name (default: the whole catalogue). */
  scenarios?: Readonly<Record<string, MockScenario>> | undefined;
  /**
   * Let the last user message pick the scenario (`[scenario:name]`, or just the name), and answer
   * one with images or documents with `attachmentsScenario` unless `scenario` or `use()` chose the
   * scenario. Default true.
   */
  selectFromRequest?: boolean | undefined;
  /**
   * Asked first, with each request's body (parsed JSON, or the text): the scenario to serve, or
   * undefined to let the usual choice decide. For answers built from the request, such as a reply to
   * a tool result. Keep it deterministic: a resume from `resume: { storage }` picks again from the
   * stored request, and must get the same scenario.
   *
   * @example
   * pick: (body) => (hasToolResult(body) ? scenario('followUp').text('Done.').stop('end_turn') : undefined)
   */
  pick?: ((body: unknown) => MockScenario | undefined) | undefined;
}

/** What `use()` may change besides the scenario, for one test: the pace of what is served. */
export type UseOptions = Pick<ServeOptions, 'timing'>;

/** The current scenario, switchable per test, and the per-request choice. */
export interface ScenarioPicker {
  pick(body: unknown): MockScenario;
  use(scenario: MockScenario | ScenarioName, options?: UseOptions): void;
  /** The options `use()` gave, to lay over the backend's own until `reset()`. */
  served(): UseOptions;
  reset(): void;
}

/** Shared by the MSW handlers and the fake server so both choose scenarios the same way. */
export function createScenarioPicker(options: ScenarioPickerOptions): ScenarioPicker {
  const catalogue = options.scenarios ?? scenarios;
  const initial = toScenario(options.scenario ?? 'basic');
  const initiallyChosen = options.scenario !== undefined;
  let current = initial;
  let used: UseOptions = {};
  // A scenario the test set on purpose beats the attachments answer; the default does not.
  let chosen = initiallyChosen;
  const { pick } = options;
  if (pick !== undefined && typeof pick !== 'function') {
    throw new TypeError(`pick must be a function, got ${shown(pick)}`);
  }
  const choose = (body: unknown): MockScenario => {
    const own = pick?.(body);
    if (own !== undefined) {
      checkScenario(own);
      return own;
    }
    if (options.selectFromRequest === false) return current;
    return selectScenario(body, catalogue) ?? (chosen ? undefined : attachmentsScenario(body)) ?? current;
  };
  return {
    pick(body) {
      // Whatever chose it, a prefill is continued, not answered again from the start.
      return continuePrefill(choose(body), body);
    },
    use(scenario, serve = {}) {
      checkServeOptions(serve);
      current = toScenario(scenario);
      used = serve.timing === undefined ? {} : { timing: serve.timing };
      chosen = true;
    },
    served: () => used,
    reset() {
      current = initial;
      used = {};
      chosen = initiallyChosen;
    },
  };
}

function toScenario(value: MockScenario | ScenarioName): MockScenario {
  if (typeof value !== 'string') {
    checkScenario(value);
    return value;
  }
  if (Object.hasOwn(scenarios, value)) return scenarios[value];
  throw new TypeError(`Unknown scenario "${value}": one of ${Object.keys(scenarios).join(', ')}`);
}
