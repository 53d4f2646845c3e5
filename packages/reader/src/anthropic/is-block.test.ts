import { expect, it } from 'vitest';
import type { ContentBlock } from '../types.ts';
import { isBlock } from './is-block.ts';

it('tells a block by its type, unknown blocks included', () => {
  const content: ContentBlock[] = [
    { type: 'text', text: 'Hello' },
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
    { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
    { type: 'text', text: ' world' },
  ];
  expect(
    content
      .filter((block) => isBlock(block, 'text'))
      .map((block) => block.text)
      .join(''),
  ).toBe('Hello world');
  expect(content.filter((block) => isBlock(block, 'server_tool_use')).map((block) => block.name)).toEqual([
    'web_search',
  ]);
  expect(content.some((block) => isBlock(block, 'tool_use'))).toBe(false);
});
