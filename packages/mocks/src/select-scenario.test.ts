import { describe, expect, it } from 'vitest';
import { scenarios } from './catalogue.ts';
import { lastUserText, selectScenario } from './select-scenario.ts';

const body = (...messages: unknown[]): unknown => ({ messages });

describe('selectScenario', () => {
  it('reads a [scenario:name] keyword anywhere in the last user message', () => {
    expect(
      selectScenario(body({ role: 'user', content: 'Weather? [scenario:toolUse] thanks' }), scenarios),
    ).toBe(scenarios.toolUse);
    expect(selectScenario(body({ role: 'user', content: '[scenario: MULTITOOL ]' }), scenarios)).toBe(
      scenarios.multiTool,
    );
  });

  it('accepts a message that is just a name, but not a name inside a sentence', () => {
    expect(selectScenario(body({ role: 'user', content: ' webSearch\n' }), scenarios)).toBe(
      scenarios.webSearch,
    );
    expect(selectScenario(body({ role: 'user', content: 'a basic question' }), scenarios)).toBeUndefined();
  });

  it('looks only at the last user message, including its text blocks', () => {
    const conversation = body(
      { role: 'user', content: '[scenario:refusal]' },
      { role: 'assistant', content: '[scenario:thinking]' },
      { role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'now [scenario:pings]' }] },
    );
    expect(selectScenario(conversation, scenarios)).toBe(scenarios.pings);
    expect(lastUserText(conversation)).toBe('now [scenario:pings]');
  });

  it('ignores unknown names and bodies without messages', () => {
    expect(selectScenario(body({ role: 'user', content: '[scenario:nope]' }), scenarios)).toBeUndefined();
    expect(selectScenario('not json', scenarios)).toBeUndefined();
    expect(selectScenario(null, scenarios)).toBeUndefined();
  });
});
