import { expectedErrorOf } from './expected-error.ts';
import type { Fault } from './fault-types.ts';
import type { MockScenario } from './scenario-types.ts';

/**
 * The same scenario served with extra faults (and, optionally, a new name).
 *
 * @example
 * const flaky = withFaults(scenarios.basic, failFirst(2));
 * const cut = withFaults(scenarios.longAnswer, dropConnection(500), { name: 'cutLongAnswer' });
 */
export function withFaults(
  base: MockScenario,
  faults: Fault | readonly Fault[],
  options: { name?: string; description?: string } = {},
): MockScenario {
  const all = [...base.faults, ...(Array.isArray(faults) ? (faults as readonly Fault[]) : [faults as Fault])];
  const { expectedError: _previous, ...rest } = base;
  const expectedError = expectedErrorOf(all) ?? base.expectedError;
  return {
    ...rest,
    name: options.name ?? base.name,
    description: options.description ?? base.description,
    faults: all,
    ...(expectedError ? { expectedError } : {}),
  };
}
