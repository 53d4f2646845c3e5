import type { ScenarioName } from './catalogue.ts';
import type { RequestLog, RequestRecord } from './request-log.ts';
import type { MockScenario } from './scenario-types.ts';
import type { ScenarioPicker, UseOptions } from './scenario-picker.ts';

/** What a test controls on every way of serving scenarios (MSW handlers, the fake server). */
export interface MockControls {
  /**
   * The requests received, oldest first, with `aborted` / `completed` updated as streams end: the
   * newest `maxRequests` of them (default 1,000).
   */
  readonly requests: RequestRecord[];
  /** How many requests were logged since the last `reset()`, those `requests` no longer keeps included. */
  received(): number;
  /**
   * Serves this scenario from now on (for requests that do not pick one), and every request at the
   * given `timing` when one is given, until `reset()`: one test's pace without a backend of its own.
   *
   * @example
   * chat.use(scenarios.longAnswer, { timing: { timeToFirstToken: 0, tokensPerSecond: 20 } });
   */
  use(scenario: MockScenario | ScenarioName, options?: UseOptions): void;
  /** Resolves once every stream started so far has ended (completed, aborted or dropped). */
  settled(): Promise<void>;
  /** Clears the request log and `failFirst` counters and goes back to the initial scenario. */
  reset(): void;
}

/** The {@link MockControls} over a request log and a scenario picker. */
export function createMockControls(log: RequestLog, picker: ScenarioPicker): MockControls {
  return {
    requests: log.requests,
    use: (scenario, options) => picker.use(scenario, options),
    received: () => log.received(),
    settled: () => log.settled(),
    reset() {
      log.clear();
      picker.reset();
    },
  };
}
