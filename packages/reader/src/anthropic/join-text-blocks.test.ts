import { describe, expect, it } from 'vitest';
import { joinTextBlocks } from './join-text-blocks.ts';

const text = (value: string) => ({ type: 'text', text: value });

describe('joinTextBlocks', () => {
  it('joins the pieces of a cited sentence as they are, and starts text after a tool on a new paragraph', () => {
    expect(
      joinTextBlocks([
        { type: 'thinking', thinking: 'Plan', signature: 's' },
        text('Let me look.'),
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        text('Pilot lines opened in '),
        text('2024'),
        text(', and cells reach 450 Wh/kg.'),
      ]),
    ).toBe('Let me look.\n\nPilot lines opened in 2024, and cells reach 450 Wh/kg.');
  });

  it('gives nothing for content without text, and no break before the first text', () => {
    expect(joinTextBlocks([])).toBe('');
    expect(joinTextBlocks([{ type: 'tool_use', id: 't', name: 'x', input: {} }])).toBe('');
    expect(joinTextBlocks([{ type: 'redacted_thinking', data: '…' }, text('Hi')])).toBe('Hi');
    // An empty text block writes nothing, no break either: as a stream of its deltas reads.
    const search = { type: 'server_tool_use', id: 's', name: 'web_search', input: {} };
    expect(joinTextBlocks([text('A'), search, text('')])).toBe('A');
    expect(joinTextBlocks([text('A'), search, text(''), search, text('B')])).toBe('A\n\nB');
  });
});
