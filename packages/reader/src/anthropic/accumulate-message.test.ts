import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { transcripts } from '../test/transcripts.ts';
import type { MessageSnapshot, MessageStreamEvent } from '../types.ts';
import { createPartialJSONParser } from '../partial-json/partial-json-parser.ts';
import { accumulateMessage } from './accumulate-message.ts';

function reduce(events: readonly unknown[], from?: MessageSnapshot): MessageSnapshot {
  let snapshot = from;
  for (const event of events) snapshot = accumulateMessage(snapshot, event as MessageStreamEvent);
  if (!snapshot) throw new Error('no message_start in these events');
  return snapshot;
}

const start = transcripts['text']?.[0] as MessageStreamEvent;
const textBlock = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
const toolBlock = (index: number) => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'write_file', input: {} },
});
const text = (index: number, value: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text: value },
});
/** A delta of a kind the reader does not know (one the API may add). */
const unknown = (index: number) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'emotion_delta', emotion: 'glad' },
});
const json = (index: number, value: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json: value },
});

describe('accumulateMessage', () => {
  it('builds text, keeps unchanged blocks by identity and never mutates the previous snapshot', () => {
    const before = reduce([
      start,
      textBlock,
      text(0, 'Hi'),
      { type: 'content_block_stop', index: 0 },
      toolBlock(1),
    ]);
    const frozen = JSON.stringify(before);
    const after = accumulateMessage(before, json(1, '{"a"') as MessageStreamEvent);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after).not.toBe(before);
    expect(after.message).not.toBe(before?.message);
    expect(after.message.content).not.toBe(before?.message.content);
    expect(after.message.content[0]).toBe(before?.message.content[0]);
    expect(after.blocks[0]).toBe(before?.blocks[0]);
    expect(after.message.content[1]).not.toBe(before?.message.content[1]);
  });

  it("keeps the code execution container and context editing's applied edits that message_delta carries", () => {
    const applied = {
      applied_edits: [{ type: 'clear_tool_uses_20250919', cleared_tool_uses: 2, cleared_input_tokens: 900 }],
    };
    const container = { id: 'container_1', expires_at: '2026-12-07T16:00:00Z' };
    const { message } = reduce([
      start,
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', container },
        usage: { output_tokens: 3 },
        context_management: applied,
      },
      { type: 'message_stop' },
    ]);
    expect(message['container']).toEqual(container);
    expect(message['context_management']).toEqual(applied);
  });

  it('returns the same snapshot for ping and error events', () => {
    const snapshot = reduce([start]);
    expect(accumulateMessage(snapshot, { type: 'ping' })).toBe(snapshot);
    expect(accumulateMessage(snapshot, { type: 'error', error: { type: 'api_error', message: 'x' } })).toBe(
      snapshot,
    );
    expect(accumulateMessage(undefined, { type: 'ping' })).toBeUndefined();
  });

  it('ignores event and delta types it does not know, before and after message_start (events straight from the SDK)', () => {
    const unknownEvent = { type: 'content_block_progress', index: 0 } as unknown as MessageStreamEvent;
    expect(accumulateMessage(undefined, unknownEvent)).toBeUndefined();
    const snapshot = reduce([start, textBlock, text(0, 'Hi')]);
    expect(accumulateMessage(snapshot, unknownEvent)).toBe(snapshot);
    const unknownDelta = unknown(0) as MessageStreamEvent;
    expect(accumulateMessage(snapshot, unknownDelta)).toBe(snapshot);
    // One with no delta at all, as an SDK may pass it on: no TypeError.
    const bare = { type: 'content_block_delta', index: 0 } as unknown as MessageStreamEvent;
    expect(accumulateMessage(snapshot, bare)).toBe(snapshot);
    const ended = reduce(
      [unknownEvent, unknownDelta, text(0, ' there'), { type: 'content_block_stop', index: 0 }],
      snapshot,
    );
    expect(ended.message.content).toEqual([{ type: 'text', text: 'Hi there' }]);
  });

  it('streams a tool input live and replaces the {} placeholder with the parsed JSON at block stop', () => {
    const events = [start, toolBlock(0), json(0, ''), json(0, '{"path": "a.txt", "content": "Hel')];
    const live = reduce(events);
    expect(live?.message.content[0]).toMatchObject({ input: { path: 'a.txt', content: 'Hel' } });
    expect(live?.blocks[0]).toMatchObject({ streaming: true, inputComplete: false });
    const done = reduce([json(0, 'lo"}'), { type: 'content_block_stop', index: 0 }], live);
    expect(done?.message.content[0]).toMatchObject({ input: { path: 'a.txt', content: 'Hello' } });
    expect(done?.blocks[0]).toEqual({
      streaming: false,
      inputJson: '{"path": "a.txt", "content": "Hello"}',
      inputComplete: true,
    });
  });

  it('keeps the {} placeholder when only empty fragments arrive', () => {
    const done = reduce([start, toolBlock(0), json(0, ''), { type: 'content_block_stop', index: 0 }]);
    expect(done?.message.content[0]).toMatchObject({ input: {} });
    expect(done?.blocks[0]?.inputComplete).toBe(true);
  });

  it('is pure: reducing an older snapshot again gives the same result as the first time', () => {
    const base = reduce([start, toolBlock(0), json(0, '{"a": [1, ')]);
    const first = reduce([json(0, '2]}')], base);
    const again = reduce([json(0, '3]}')], base);
    expect(first?.message.content[0]).toMatchObject({ input: { a: [1, 2] } });
    expect(again?.message.content[0]).toMatchObject({ input: { a: [1, 3] } });
    expect(reduce([{ type: 'content_block_stop', index: 0 }], first)?.message.content[0]).toMatchObject({
      input: { a: [1, 2] },
    });
  });

  it('keeps the input as the SDK reads it, flagged incomplete, when max_tokens cuts the JSON (no content_block_stop)', () => {
    const final = reduce([
      start,
      toolBlock(0),
      json(0, '{"path": "notes.md", "content": "Once upon a ti'),
      {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: 1024 },
      },
      { type: 'message_stop' },
    ]);
    expect(final?.complete).toBe(true);
    expect(final?.message.stop_reason).toBe('max_tokens');
    // The string cut off is left out, as the SDK leaves it out: half a value would be a wrong one.
    expect(final?.message.content[0]).toMatchObject({ input: { path: 'notes.md' } });
    expect(final?.blocks[0]).toMatchObject({ streaming: false, inputComplete: false });
  });

  it('closes a tool input cut off before its JSON ends (fine-grained tool streaming) as cut, reading on', () => {
    const final = reduce([
      start,
      toolBlock(0),
      json(0, '{"items": [{"sku": "A1", "qty": 2}, {"sku": "B2"'),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: 30 },
      },
      { type: 'message_stop' },
    ]);
    expect(final?.message.content[0]).toMatchObject({
      input: { items: [{ sku: 'A1', qty: 2 }, { sku: 'B2' }] },
    });
    expect(final?.blocks[0]).toMatchObject({ streaming: false, inputComplete: false });
    expect(final?.message.stop_reason).toBe('max_tokens');
  });

  it('keeps the finished parts of a cut tool input as they were (a memoised row does not render again)', () => {
    let snapshot = reduce([
      start,
      toolBlock(0),
      json(0, '{"items": [{"sku": "A1"}, {"sku": "B2"}, {"sku": "C'),
    ]);
    const [first, second] = (snapshot.message.content[0]!['input'] as { items: object[] }).items;
    snapshot = reduce(
      [
        {
          type: 'message_delta',
          delta: { stop_reason: 'max_tokens', stop_sequence: null },
          usage: { output_tokens: 9 },
        },
        { type: 'message_stop' },
      ],
      snapshot,
    );
    const items = (snapshot.message.content[0]!['input'] as { items: object[] }).items;
    expect(items[0]).toBe(first);
    expect(items[1]).toBe(second);
  });

  it('keeps a wide tool input linear: live readings are paced, never wrong, and the last one is exact', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => i * 7);
    const input = JSON.stringify({ rows });
    let snapshot = reduce([start, toolBlock(0)]);
    const readings = new Set<unknown>();
    for (let at = 0; at < input.length; at += 8) {
      snapshot = reduce([json(0, input.slice(at, at + 8))], snapshot);
      readings.add(snapshot.message.content[0]?.['input']);
    }
    const live = [...readings].map((reading) => (reading as { rows?: number[] }).rows ?? []);
    // Every reading is a prefix of the input (a number still being read may show fewer digits).
    const wrong = live.filter((seen) => seen.slice(0, -1).some((value, i) => value !== rows[i]));
    expect(wrong).toEqual([]);
    // Copying the open array after every one of the 14,000 deltas would copy ~140 million entries.
    const copied = live.reduce((sum, seen) => sum + seen.length, 0);
    expect(copied).toBeLessThan(64 * input.length);
    expect(live.at(-1)?.length).toBeGreaterThan(rows.length - 400);
    const done = reduce([{ type: 'content_block_stop', index: 0 }], snapshot);
    expect(done.message.content[0]?.['input']).toEqual({ rows });
  });

  it('shows the latest reading of a wide input cut off by max_tokens', () => {
    const input = JSON.stringify({ rows: Array.from({ length: 5000 }, (_, i) => i) }).slice(0, -200);
    const deltas = Array.from({ length: Math.ceil(input.length / 5) }, (_, i) =>
      json(0, input.slice(i * 5, i * 5 + 5)),
    );
    const cut = reduce([
      start,
      toolBlock(0),
      ...deltas,
      {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: 9 },
      },
      { type: 'message_stop' },
    ]);
    const parser = createPartialJSONParser();
    parser.push(input);
    expect(cut.message.content[0]?.['input']).toEqual(parser.value);
    expect(cut.blocks[0]).toMatchObject({ streaming: false, inputComplete: false });
  });

  it('overwrites usage counters (never adds) and ignores null ones', () => {
    const final = reduce(transcripts['twoUsageDeltas'] ?? []);
    expect(final?.message.usage).toEqual({
      input_tokens: 500,
      output_tokens: 12,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
    });
  });

  it('keeps the service tier and cache breakdown message_start gave, as the reference says', () => {
    const started = reduce([
      {
        type: 'message_start',
        message: {
          ...(start as { message: object }).message,
          usage: {
            input_tokens: 5,
            output_tokens: 1,
            service_tier: 'standard',
            cache_creation: { ephemeral_5m_input_tokens: 3 },
          },
        },
      },
    ]);
    const final = reduce(
      [
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: {
            output_tokens: 9,
            service_tier: 'priority',
            cache_creation: { ephemeral_5m_input_tokens: 0 },
          },
        },
      ],
      started,
    );
    expect(final.message.usage).toEqual({
      input_tokens: 5,
      output_tokens: 9,
      service_tier: 'standard',
      cache_creation: { ephemeral_5m_input_tokens: 3 },
    });
  });

  it("never takes a usage key __proto__ from the wire as the usage object's prototype", () => {
    const started = reduce([start]);
    const delta = JSON.parse(
      '{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"__proto__":{"isAdmin":true},"output_tokens":3}}',
    ) as MessageStreamEvent;
    const { usage } = reduce([delta], started).message;
    expect(Object.getPrototypeOf(usage)).toBe(Object.prototype);
    expect((usage as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(usage.output_tokens).toBe(3);
  });

  it('sets stop_reason, stop_sequence and stop_details, replaces signatures and appends citations', () => {
    const refusal = reduce(transcripts['refusal'] ?? []);
    expect(refusal?.message).toMatchObject({
      stop_reason: 'refusal',
      stop_sequence: null,
      stop_details: { type: 'refusal', category: 'cyber' },
    });
    const thinking = reduce(transcripts['thinking'] ?? []);
    expect(thinking?.message.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Let me think step by step.',
      signature: 'EqQBCgIYAhIM-final',
    });
    expect(thinking?.message.content[1]).toEqual({
      type: 'redacted_thinking',
      data: 'EmwKAhgBEgy3va3pzix/LafPsn4a',
    });
    const cited = reduce(transcripts['citations'] ?? []);
    expect(cited?.message.content[1]).toMatchObject({
      text: 'the grass is green',
      citations: [{ cited_text: 'The grass is green.' }, { cited_text: 'Sky' }],
    });
  });

  it('keeps server tool results and unknown block types exactly as they came', () => {
    const final = reduce(
      (transcripts['serverTools'] ?? []).filter(
        (event) =>
          event['type'] !== 'future_event' &&
          (event['delta'] as { type?: string } | undefined)?.type !== 'future_delta',
      ),
    );
    expect(final?.message.content[2]).toMatchObject({
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_01',
    });
    expect(final?.message.content[4]).toEqual({ type: 'future_block_type', payload: { anything: [1, 2] } });
    expect(final?.message.content[1]).toMatchObject({
      type: 'server_tool_use',
      input: { query: 'weather nyc today' },
    });
  });

  describe('protocol violations are typed errors carrying the last good snapshot', () => {
    const cases: [string, unknown[]][] = [
      ['a delta before message_start', [text(0, 'x')]],
      ['a delta for an unknown index', [start, textBlock, text(3, 'x')]],
      ['a block that skips an index', [start, { ...textBlock, index: 1 }]],
      [
        'a delta after its block stopped',
        [start, textBlock, { type: 'content_block_stop', index: 0 }, text(0, 'x')],
      ],
      ['a text delta for a tool block', [start, toolBlock(0), text(0, 'x')]],
      ['tool input that is not JSON', [start, toolBlock(0), json(0, '{"a": tru e')]],
      [
        'tool input that is an array, not an object',
        [start, toolBlock(0), json(0, '[1, 2]'), { type: 'content_block_stop', index: 0 }],
      ],
      [
        'tool input that is a string, not an object',
        [start, toolBlock(0), json(0, '"rm -rf /"'), { type: 'content_block_stop', index: 0 }],
      ],
      ['a second message_start before message_stop', [start, start]],
      ['content after message_stop', [start, { type: 'message_stop' }, textBlock]],
      // A delta of a kind it does not know is ignored only where a known one would be taken.
      ['an unknown delta before message_start', [unknown(0)]],
      ['an unknown delta for an unknown index', [start, textBlock, unknown(3)]],
      ['an unknown delta after message_stop', [start, textBlock, { type: 'message_stop' }, unknown(0)]],
    ];
    for (const [name, events] of cases) {
      it(name, () => {
        let snapshot: MessageSnapshot | undefined;
        let error: unknown;
        try {
          for (const event of events) snapshot = accumulateMessage(snapshot, event as MessageStreamEvent);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).partial).toBe(snapshot);
      });
    }
  });
});
