import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';

// The mocks send no `caller` (the API's newer field for who ran the tool); everything else is as typed.
type ToolSearchResult = Omit<Sdk.ToolSearchToolResultBlock, 'caller'>;

describe('tool search result steps', () => {
  it('toolSearchResult answers a regex or BM25 search with the tools it found', () => {
    for (const tool of ['tool_search_tool_regex', 'tool_search_tool_bm25']) {
      const built = scenario('x')
        .serverToolUse(tool, { query: 'weather' })
        .toolSearchResult(['get_weather'])
        .stop();
      const [call, result] = built.expectedMessage.content;
      expect(result).toEqual({
        type: 'tool_search_tool_result',
        tool_use_id: call?.['id'] as string,
        content: {
          type: 'tool_search_tool_search_result',
          tool_references: [{ type: 'tool_reference', tool_name: 'get_weather' }],
        },
      } satisfies ToolSearchResult);
    }
  });

  it('toolSearchError answers with the error code and no message, as the API does', () => {
    const built = scenario('x')
      .serverToolUse('tool_search_tool_bm25', { query: 'crm' })
      .toolSearchError('execution_time_exceeded')
      .stop();
    expect(built.expectedMessage.content[1]).toEqual({
      type: 'tool_search_tool_result',
      tool_use_id: built.expectedMessage.content[0]?.['id'] as string,
      content: {
        type: 'tool_search_tool_result_error',
        error_code: 'execution_time_exceeded',
        error_message: null,
      },
    } satisfies ToolSearchResult);
    // A failed search is no web request: nothing is counted in usage.server_tool_use.
    expect(built.expectedMessage.usage.server_tool_use).toBeUndefined();
  });

  it.each([
    [
      'without a tool search call',
      () => scenario('x').serverToolUse('web_search', { query: 'q' }).toolSearchResult([]),
      /toolSearchResult\(\) needs a serverToolUse\('tool_search_tool_regex' or 'tool_search_tool_bm25', …\) before it: the latest server tool call is 'web_search'/u,
    ],
    [
      'a second result for one call',
      () =>
        scenario('x')
          .serverToolUse('tool_search_tool_regex', {})
          .toolSearchResult([])
          .toolSearchError('unavailable'),
      /the latest 'tool_search_tool_regex' call \(srvtoolu_01\w+\) has its result already/u,
    ],
    [
      'names that are not an array',
      () =>
        scenario('x')
          .serverToolUse('tool_search_tool_regex', {})
          .toolSearchResult('get_weather' as never),
      /toolSearchResult\(\) takes an array of tool names, got string/u,
    ],
    [
      'a name that is not a string',
      () =>
        scenario('x')
          .serverToolUse('tool_search_tool_regex', {})
          .toolSearchResult([7 as never]),
      /toolSearchResult\(\) tool name 0 must be a string, got number/u,
    ],
    [
      'an error code that is not a string',
      () =>
        scenario('x')
          .serverToolUse('tool_search_tool_regex', {})
          .toolSearchError(undefined as never),
      /toolSearchError\(\) errorCode must be an error code string/u,
    ],
  ])('throws a TypeError %s', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('the toolSearch scenario finds the weather tools, then calls one', () => {
    const content = scenarios.toolSearch.expectedMessage.content;
    expect(content.map((block) => block.type)).toEqual([
      'server_tool_use',
      'tool_search_tool_result',
      'text',
      'tool_use',
    ]);
    expect(content[3]?.['name']).toBe('get_weather');
    expect(scenarios.toolSearch.expectedMessage.stop_reason).toBe('tool_use');
  });
});
