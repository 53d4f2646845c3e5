import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';
import { createScenarioPicker } from './scenario-picker.ts';

const ask = (content: string) => ({ messages: [{ role: 'user', content }] });
const echo = scenario('echo').text('Echo.').stop('end_turn');
const pickEcho = (body: unknown) => (JSON.stringify(body).includes('echo') ? echo : undefined);

describe('createScenarioPicker with pick', () => {
  it("serves what pick returns before the request's keyword and use()", () => {
    const picker = createScenarioPicker({ pick: pickEcho });
    picker.use('toolUse');
    expect(picker.pick(ask('echo [scenario:thinking]'))).toBe(echo);
  });

  it('falls back to the usual choice when pick returns undefined', () => {
    const picker = createScenarioPicker({ pick: pickEcho });
    expect(picker.pick(ask('[scenario:thinking]'))).toBe(scenarios.thinking);
    picker.use('toolUse');
    expect(picker.pick(ask('Hello'))).toBe(scenarios.toolUse);
  });

  it('refuses a pick that is not a function, and a pick that returns no scenario', () => {
    expect(() => createScenarioPicker({ pick: 'echo' as never })).toThrow(
      new TypeError('pick must be a function, got "echo"'),
    );
    const picker = createScenarioPicker({ pick: () => ({ name: 'half' }) as never });
    expect(() => picker.pick(ask('Hello'))).toThrow(TypeError);
  });
});

/** A request continuing an answer that began with `prefill`. */
const continuing = (prefill: string) => ({
  messages: [
    { role: 'user', content: 'echo [scenario:basic]' },
    { role: 'assistant', content: prefill },
  ],
});

describe('createScenarioPicker with an assistant prefill', () => {
  it('continues the scenario after the prefill, whatever chose it', () => {
    expect(createScenarioPicker({}).pick(continuing("Hello! I'm")).expectedText).toBe(
      ' Claude. How can I help you today?',
    );
    expect(createScenarioPicker({ pick: pickEcho }).pick(continuing('Ech')).expectedText).toBe('o.');
    const chosen = createScenarioPicker({ selectFromRequest: false });
    chosen.use('refusal');
    expect(chosen.pick(continuing('Sure, here')).expectedText).toBe(' is a step-by-step guide to');
  });

  it('serves the scenario itself when the prefill does not begin its text', () => {
    expect(createScenarioPicker({}).pick(continuing('Goodbye'))).toBe(scenarios.basic);
  });
});
