import { describe, expect, it } from 'vitest';
import { createTextJoiner } from './text-joiner.ts';

describe('createTextJoiner', () => {
  it('breaks text from the text before another kind of block, once, and only after text', () => {
    const joiner = createTextJoiner();
    joiner.blockStart('thinking');
    expect(joiner.text('Let me look.')).toBe('Let me look.');
    joiner.blockStart('server_tool_use');
    joiner.blockStart('web_search_tool_result');
    expect(joiner.text('')).toBe('');
    expect(joiner.text('Found ')).toBe('\n\nFound ');
    joiner.blockStart('text');
    expect(joiner.text('it.')).toBe('it.');
  });

  it('goes on from text already written (a Continue), and from text that ended on a search', () => {
    const continuing = createTextJoiner('text');
    continuing.blockStart('server_tool_use');
    expect(continuing.text('More.')).toBe('\n\nMore.');
    expect(createTextJoiner('after-other').text('More.')).toBe('\n\nMore.');
    expect(createTextJoiner('text').text(' more.')).toBe(' more.');
  });
});
