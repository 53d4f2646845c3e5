import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';
import { defineScenario } from './define-scenario.ts';
import { dropConnection, failFirst, httpError, malformedEvent, oversizedEvent, stall } from './faults.ts';
import type { ScenarioStep } from './scenario-types.ts';
import { withFaults } from './with-faults.ts';

describe('what a scenario cannot mean throws where it is given', () => {
  it.each([
    ['httpError(200)', () => httpError(200), /httpError status must be an integer from 400 to 599, got 200/],
    ['httpError(999)', () => httpError(999), /from 400 to 599, got 999/],
    ['failFirst(-1)', () => failFirst(-1), /failFirst times must be an integer of at least 1/],
    ['failFirst with another fault', () => failFirst(1, stall(5) as never), /httpError/],
    ['dropConnection(-1)', () => dropConnection(-1), /dropConnection afterBytes/],
    ['stall(-5)', () => stall(-5), /stall ms must be a number of milliseconds of at least 0, got -5/],
    ['stall(NaN)', () => stall(Number.NaN), /stall ms/],
    ['malformedEvent(1.5)', () => malformedEvent(1.5), /malformedEvent afterEvents must be an integer/],
    ['oversizedEvent(0)', () => oversizedEvent(0), /oversizedEvent bytes/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it.each([
    [
      'a chunking it does not know',
      () =>
        scenario('x')
          .text('abc def', { chunking: 'lines' as never })
          .stop(),
      /step 0: chunking must be 'words', 'characters'/,
    ],
    [
      'a chunking of 0',
      () => scenario('x').text('abc', { chunking: 0 }).stop(),
      /chunking must be an integer of at least 1, got 0/,
    ],
    [
      'min over max',
      () =>
        scenario('x')
          .text('abc', { chunking: { min: 3, max: 2 } })
          .stop(),
      /chunking.max must be an integer of at least 3/,
    ],
    [
      'a negative pause',
      () => scenario('x').text('a').pause(-1).stop(),
      /step 1: pause must be a number of milliseconds/,
    ],
    [
      'a NaN pause',
      () => scenario('x').pause(Number.NaN).stop(),
      /pause must be a number of milliseconds of at least 0, got NaN/,
    ],
    [
      'a cut past the text',
      () => scenario('x').text('abc', { cutAt: 9 }).stop('max_tokens'),
      /cutAt must be an integer from 0 to 3, got 9/,
    ],
    [
      'a tool name the API refuses',
      () => scenario('x').toolUse('get weather', {}).stop('tool_use'),
      /tool name "get weather" must be 1 to 64 letters/,
    ],
    [
      'an unknown step type',
      () => defineScenario({ name: 'x', steps: [{ type: 'txt' } as unknown as ScenarioStep] }),
      /step 0: unknown step type "txt" \(one of text, /,
    ],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  it('says withFaults takes a built scenario, and refuses a fault after the last event', () => {
    expect(() => withFaults(scenario('x').text('a') as never, stall(5))).toThrow(
      /withFaults takes a built scenario: a catalogue entry, or a builder ended with stop\(\), error\(\) or build\(\)/,
    );
    const events = scenarios.basic.events.length;
    expect(() => withFaults(scenarios.basic, malformedEvent(999))).toThrow(
      `Scenario "basic": malformed-event after 999 events, but it has ${events} events`,
    );
    expect(() => scenario('x').text('a').fault(stall(10, 99)).stop()).toThrow(/stall after 99 events/);
    expect(withFaults(scenarios.basic, malformedEvent(events - 1)).faults).toHaveLength(1);
  });
});
