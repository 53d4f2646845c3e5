import { attachmentsScenario } from './attachments-scenario.ts';
import { type ScenarioName, scenarios } from './catalogue.ts';
import { checkScenario } from './check-serve-options.ts';
import type { MockScenario } from './scenario-types.ts';
import { selectScenario } from './select-scenario.ts';

/** How a mock backend decides what to serve. */
export interface ScenarioPickerOptions {
  /** The scenario served when the request does not pick one (default `scenarios.basic`). */
  scenario?: MockScenario | ScenarioName;
  /** The scenarios a request may pick by name (default: the whole catalogue). */
  scenarios?: Readonly<Record<string, MockScenario>>;
  /**
   * Let the last user message pick the scenario (`[scenario:name]`, or just the name), and answer
   * one with images or documents with `attachmentsScenario` unless `scenario` or `use()` chose the
   * scenario. Default true.
   */
  selectFromRequest?: boolean;
}

/** The current scenario, switchable per test, and the per-request choice. */
export interface ScenarioPicker {
  pick(body: unknown): MockScenario;
  use(scenario: MockScenario | ScenarioName): void;
  reset(): void;
}

/** Shared by the MSW handlers and the fake server so both choose scenarios the same way. */
export function createScenarioPicker(options: ScenarioPickerOptions): ScenarioPicker {
  const catalogue = options.scenarios ?? scenarios;
  const initial = toScenario(options.scenario ?? 'basic');
  const initiallyChosen = options.scenario !== undefined;
  let current = initial;
  // A scenario the test set on purpose beats the attachments answer; the default does not.
  let chosen = initiallyChosen;
  return {
    pick(body) {
      if (options.selectFromRequest === false) return current;
      return selectScenario(body, catalogue) ?? (chosen ? undefined : attachmentsScenario(body)) ?? current;
    },
    use(scenario) {
      current = toScenario(scenario);
      chosen = true;
    },
    reset() {
      current = initial;
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
