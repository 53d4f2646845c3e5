import type { Message } from '@chatstream/reader';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createMockResponse,
  type MockScenario,
  scenario,
  type ScenarioBuilder,
  type ScenarioName,
  scenarios,
} from './index.ts';

describe('scenarios', () => {
  it('builds step by step, and ends in a scenario with the message it must produce', () => {
    const started = scenario('weather').text('Let me check.');
    expectTypeOf(started).toEqualTypeOf<ScenarioBuilder>();
    const built = started.toolUse('get_weather', { location: 'Paris' }).stop('tool_use');
    expectTypeOf(built).toEqualTypeOf<MockScenario>();
    expectTypeOf(built.expectedMessage).toEqualTypeOf<Message>();
    expectTypeOf(built.expectedText).toEqualTypeOf<string>();
    // Stop reasons are open-ended, as the API's are: a test can play one from the future.
    expectTypeOf<'end_turn'>().toExtend<Parameters<ScenarioBuilder['stop']>[0]>();
    expectTypeOf<'compaction_2027'>().toExtend<Parameters<ScenarioBuilder['stop']>[0]>();
    // @ts-expect-error: a tool's input is a JSON object
    scenario('x').toolUse('get_weather', 'Paris');
  });

  it('names the catalogue', () => {
    expectTypeOf(scenarios.toolUse).toEqualTypeOf<MockScenario>();
    expectTypeOf<'basic'>().toExtend<ScenarioName>();
    expectTypeOf<'overloadedMidStream'>().toExtend<ScenarioName>();
    expectTypeOf(scenarios).not.toHaveProperty('nonexistent');
  });

  it('serves one as a Response', () => {
    expectTypeOf(createMockResponse(scenarios.basic, { timing: 'instant' })).toEqualTypeOf<Response>();
  });
});
