import { describe, expect, it } from 'vitest';
import type { MessageSnapshot } from '../types.ts';
import { continueMessage } from './continue-message.ts';

const snapshot = (content: MessageSnapshot['message']['content'], complete = true): MessageSnapshot => ({
  message: {
    id: 'msg_2',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content,
    stop_reason: complete ? 'end_turn' : null,
    stop_sequence: null,
    usage: { output_tokens: 3 },
  },
  blocks: content.map(() => ({ streaming: !complete })),
  complete,
});

describe('continueMessage', () => {
  it('joins a text continuation to the trimmed prefix and appends further blocks', () => {
    const thinking = { type: 'thinking', thinking: 't', signature: 's' } as const;
    const base = { content: [thinking, { type: 'text', text: 'The press made books \n' }] };
    const merged = continueMessage(
      base,
      snapshot(
        [
          { type: 'text', text: ' cheaper.' },
          { type: 'text', text: 'More' },
        ],
        false,
      ),
    );
    expect(merged.message.content).toEqual([
      thinking,
      { type: 'text', text: 'The press made books cheaper.' },
      { type: 'text', text: 'More' },
    ]);
    expect(merged.message.content[0]).toBe(thinking);
    expect(merged.blocks).toEqual([{ streaming: false }, { streaming: true }, { streaming: true }]);
    expect(merged.message).toMatchObject({ id: 'msg_2', stop_reason: null, usage: { output_tokens: 3 } });
    expect(merged.complete).toBe(false);
  });

  it('appends when the message does not end in text (a paused server tool turn)', () => {
    const tool = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } as const;
    const merged = continueMessage(
      { content: [tool], blocks: [{ streaming: false }] },
      snapshot([{ type: 'text', text: 'Done' }]),
    );
    expect(merged.message.content).toEqual([tool, { type: 'text', text: 'Done' }]);
    expect(merged.blocks).toHaveLength(2);
  });

  it('keeps the code execution container the paused part ran in, unless the continuation names one', () => {
    const container = { id: 'container_011', expires_at: '2026-12-07T08:00:00Z' };
    const tool = {
      type: 'server_tool_use',
      id: 'srvtoolu_1',
      name: 'bash_code_execution',
      input: {},
    } as const;
    const base = { content: [tool], message: { ...snapshot([tool]).message, container } };
    expect(continueMessage(base, snapshot([{ type: 'text', text: 'Done' }])).message['container']).toEqual(
      container,
    );
    const renewed = { id: 'container_012', expires_at: '2026-12-07T09:00:00Z' };
    const next = snapshot([{ type: 'text', text: 'Done' }]);
    expect(
      continueMessage(base, { ...next, message: { ...next.message, container: renewed } }).message[
        'container'
      ],
    ).toEqual(renewed);
  });

  it('keeps blocks that cite sources apart, so no citation is lost or given to the other text', () => {
    const solid = {
      type: 'char_location',
      cited_text: 'Pilot lines opened in 2024',
      document_index: 0,
    } as const;
    const toyota = { type: 'char_location', cited_text: 'Toyota delayed', document_index: 1 } as const;
    const base = { content: [{ type: 'text', text: 'Pilot lines opened in 2024 ', citations: [solid] }] };
    const merged = continueMessage(
      base,
      snapshot([{ type: 'text', text: ' and Toyota delayed its rollout', citations: [toyota] }]),
    );
    expect(merged.message.content).toEqual([
      { type: 'text', text: 'Pilot lines opened in 2024', citations: [solid] },
      { type: 'text', text: ' and Toyota delayed its rollout', citations: [toyota] },
    ]);
    expect(merged.blocks).toHaveLength(2);

    const uncitedFirst = continueMessage(
      { content: [{ type: 'text', text: 'Sources agree: ' }] },
      snapshot([{ type: 'text', text: ' Toyota delayed', citations: [toyota] }]),
    );
    expect(uncitedFirst.message.content).toEqual([
      { type: 'text', text: 'Sources agree:' },
      { type: 'text', text: ' Toyota delayed', citations: [toyota] },
    ]);
  });

  it('leaves out a text that was nothing but whitespace, as it was sent, when the next cites', () => {
    const toyota = { type: 'char_location', cited_text: 'Toyota delayed', document_index: 1 } as const;
    const thinking = { type: 'thinking', thinking: 't', signature: 's' } as const;
    const merged = continueMessage(
      { content: [thinking, { type: 'text', text: '\n\n' }] },
      snapshot([{ type: 'text', text: 'Toyota delayed', citations: [toyota] }]),
    );
    expect(merged.message.content).toEqual([
      thinking,
      { type: 'text', text: 'Toyota delayed', citations: [toyota] },
    ]);
    expect(merged.blocks).toHaveLength(2);
  });
});
