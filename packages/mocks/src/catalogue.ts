import { type ContentScenarioName, contentScenarios } from './catalogue-content.ts';
import { type FaultScenarioName, faultScenarios } from './catalogue-faults.ts';
import type { MockScenario } from './scenario-types.ts';

/** Every name in the catalogue. */
export type ScenarioName = ContentScenarioName | FaultScenarioName;

/**
 * The named scenarios shared by tests, stories and the demo. Each carries its events,
 * `expectedMessage`, `expectedText` and, for failures, `expectedError`.
 *
 * @example
 * import { scenarios } from '@chatstream/mocks';
 * const response = createMockResponse(scenarios.webSearch, { timing: 'instant' });
 */
export const scenarios: Readonly<Record<ScenarioName, MockScenario>> = {
  ...contentScenarios,
  ...faultScenarios,
};
