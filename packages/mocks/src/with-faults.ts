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
  options: { name?: string | undefined; description?: string | undefined } = {},
): MockScenario {
  if (!Array.isArray((base as Partial<MockScenario> | null)?.faults)) {
    throw new TypeError(
      'withFaults takes a built scenario: a catalogue entry, or a builder ended with stop(), error() or build()',
    );
  }
  const all = [...base.faults, ...(Array.isArray(faults) ? (faults as readonly Fault[]) : [faults as Fault])];
  checkFaultPositions(options.name ?? base.name, all, base.events.length);
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

/**
 * Throws a `RangeError` for a fault placed after more events than the scenario has: it would never
 * happen where it was asked to (a malformed event needs an event to break).
 */
export function checkFaultPositions(name: string, faults: readonly Fault[], events: number): void {
  for (const fault of faults) {
    if (!('afterEvents' in fault)) continue;
    const last = fault.kind === 'malformed-event' ? events - 1 : events;
    if (fault.afterEvents > last) {
      throw new RangeError(
        `Scenario "${name}": ${fault.kind} after ${fault.afterEvents} events, but it has ${events} events`,
      );
    }
  }
}
