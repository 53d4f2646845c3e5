import { describe, expect, it } from 'vitest';
import { checkTools } from './check-tools.ts';

const tool = (name: string) => ({
  name,
  description: 'Looks it up',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
});
const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };

describe('checkTools', () => {
  it('takes custom and server tools, and a tool_choice naming one of them', () => {
    expect(checkTools(undefined, undefined)).toBeUndefined();
    expect(checkTools([], { type: 'auto' })).toBeUndefined();
    expect(
      checkTools([tool('get_weather'), webSearch], { type: 'tool', name: 'web_search' }),
    ).toBeUndefined();
    expect(checkTools([{ ...tool('get-time_2'), type: 'custom' }], { type: 'any' })).toBeUndefined();
    expect(checkTools(undefined, { type: 'none' })).toBeUndefined();
  });

  it.each([
    ['tools that are not a list', { name: 'get_weather' }, undefined, 'tools: Input should be a valid list'],
    ['a tool that is not an object', [null], undefined, 'tools.0: Input should be a valid dictionary'],
    [
      'a custom tool without input_schema',
      [tool('get_time'), { name: 'get_weather' }],
      undefined,
      'tools.1.custom.input_schema: Field required',
    ],
    [
      'an input_schema that is not an object schema',
      [{ ...tool('get_weather'), input_schema: { type: 'string' } }],
      undefined,
      "tools.0.custom.input_schema.type: Input should be 'object'",
    ],
    [
      'an input_schema without a type',
      [{ ...tool('get_weather'), input_schema: {} }],
      undefined,
      'tools.0.custom.input_schema.type: Field required',
    ],
    [
      'a name with a space',
      [tool('get weather')],
      undefined,
      "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
    ],
    [
      'a missing name',
      [{ input_schema: { type: 'object' } }],
      undefined,
      "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
    ],
    ['a name used twice', [tool('web_search'), webSearch], undefined, 'tools: Tool names must be unique.'],
    [
      'a tool_choice naming an undeclared tool',
      [tool('get_weather')],
      { type: 'tool', name: 'get_time' },
      "tool_choice.tool.name: Tool 'get_time' not found in tools",
    ],
    [
      'a tool_choice of any without tools',
      undefined,
      { type: 'any' },
      'tool_choice may only be specified while providing tools.',
    ],
    [
      'an unknown tool_choice',
      [tool('get_weather')],
      { type: 'required' },
      "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
    ],
  ])('refuses %s', (_case, tools, toolChoice, reason) => {
    expect(checkTools(tools, toolChoice)).toBe(reason);
  });
});
