import { readMessageStream } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { defineScenario } from './define-scenario.ts';
import type { ScenarioDescription, StreamEvent } from './scenario-types.ts';

type Loose = {
  type: string;
  index?: number;
  delta?: Record<string, unknown>;
  content_block?: Record<string, unknown>;
};
const loose = (events: readonly StreamEvent[]): Loose[] => events as Loose[];
const deltasOf = (events: readonly StreamEvent[], index: number): Record<string, unknown>[] =>
  loose(events)
    .filter((event) => event.type === 'content_block_delta' && event.index === index)
    .map((event) => event.delta ?? {});

describe('scenario builder', () => {
  it('streams text as word deltas between start and stop, then message_delta and message_stop', () => {
    const built = scenario('hello').text('Hello there, world').stop('end_turn');
    expect(loose(built.events).map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltasOf(built.events, 0).map((delta) => delta['text'])).toEqual(['Hello', ' there,', ' world']);
    expect(built.expectedMessage.content).toEqual([{ type: 'text', text: 'Hello there, world' }]);
    expect(built.expectedMessage.stop_reason).toBe('end_turn');
    expect(built.expectedText).toBe('Hello there, world');
  });

  it("refuses a block's own events through event(), which would not number the block", () => {
    expect(() =>
      scenario('raw').event({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'mcp_tool_use' },
      }),
    ).toThrow(/event\(\) takes events outside the blocks; give a block with block\(\)/);
    // A future event type is still taken, whatever its name.
    expect(() => scenario('future').event({ type: 'content_block_progress', index: 0 })).not.toThrow();
  });

  it('streams tool input from an empty first fragment down to one character per delta', () => {
    const input = { city: 'Paris', days: 2 };
    const built = scenario('tool').toolUse('get_weather', input, { fragments: 1 }).stop('tool_use');
    const fragments = deltasOf(built.events, 0).map((delta) => delta['partial_json'] as string);
    expect(fragments[0]).toBe('');
    expect(fragments.slice(1).every((fragment) => Array.from(fragment).length === 1)).toBe(true);
    expect(JSON.parse(fragments.join(''))).toEqual(input);
    const start = loose(built.events)[1]?.content_block;
    expect(start).toMatchObject({ type: 'tool_use', name: 'get_weather', input: {} });
    expect(start?.['id']).toMatch(/^toolu_01/u);
    expect(built.expectedMessage.content[0]).toEqual({
      type: 'tool_use',
      id: start?.['id'],
      name: 'get_weather',
      input,
    });
  });

  it('places citations between text deltas and collects them in the expected block', () => {
    const citation = { type: 'web_search_result_location', cited_text: 'x', url: 'https://a.example' };
    const built = scenario('cite')
      .text('one two three', { citations: [citation], citationsAfter: 1 })
      .stop();
    expect(deltasOf(built.events, 0).map((delta) => delta['type'])).toEqual([
      'text_delta',
      'citations_delta',
      'text_delta',
      'text_delta',
    ]);
    expect(built.expectedMessage.content[0]).toEqual({
      type: 'text',
      text: 'one two three',
      citations: [citation],
    });
  });

  it('ends thinking with a signature_delta and keeps redacted thinking whole', () => {
    const built = scenario('think')
      .thinking('hmm, yes', { signature: 'sig' })
      .redactedThinking('opaque')
      .stop();
    expect(deltasOf(built.events, 0).at(-1)).toEqual({ type: 'signature_delta', signature: 'sig' });
    expect(deltasOf(built.events, 1)).toEqual([]);
    expect(built.expectedMessage.content).toEqual([
      { type: 'thinking', thinking: 'hmm, yes', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
    ]);
  });

  it('cuts a block without content_block_stop and expects what was streamed', () => {
    const built = scenario('cut').text('abcdefgh', { cutAt: 3 }).stop('max_tokens');
    expect(loose(built.events).some((event) => event.type === 'content_block_stop')).toBe(false);
    expect(built.expectedMessage.content).toEqual([{ type: 'text', text: 'abc' }]);

    const tool = scenario('cutTool')
      .toolUse('f', { a: 'done', b: 'never' }, { cutAt: 16 })
      .stop('max_tokens');
    const json = deltasOf(tool.events, 0)
      .map((delta) => delta['partial_json'])
      .join('');
    expect(json).toBe('{"a": "done", "b');
    expect(tool.expectedMessage.content[0]).toMatchObject({ input: { a: 'done' } });
  });

  it('overwrites usage with each message_delta (cumulative totals)', () => {
    const built = scenario('usage', { inputTokens: 10 })
      .text('hi')
      .usage({ input_tokens: 50, output_tokens: 5, server_tool_use: { web_search_requests: 1 } })
      .stop('end_turn', { usage: { output_tokens: 9, cache_read_input_tokens: null } });
    expect(loose(built.events).filter((event) => event.type === 'message_delta')).toHaveLength(2);
    expect(built.expectedMessage.usage).toMatchObject({
      input_tokens: 50,
      output_tokens: 9,
      cache_read_input_tokens: 0,
      server_tool_use: { web_search_requests: 1 },
    });
  });

  it('refuses a content block after usage(): the API sends message_delta only after the last block', () => {
    const counted = scenario('counted').text('Searching.').usage({ output_tokens: 3 });
    const blocks = [
      ['text', () => counted.text('More.')],
      ['thinking', () => counted.thinking('Hmm.')],
      ['redacted_thinking', () => counted.redactedThinking('opaque')],
      ['tool_use', () => counted.toolUse('f', {})],
      ['server_tool_use', () => counted.serverToolUse('web_search', { query: 'q' })],
      ['block', () => counted.block({ type: 'container_upload', file_id: 'file_1' })],
    ] as const;
    for (const [type, add] of blocks) {
      expect(add).toThrow(TypeError);
      expect(add).toThrow(
        `Scenario "counted": a ${type} step cannot follow a usage step. A usage step is a message_delta, ` +
          'which the API sends only after the last content block: move it after the last block, before the stop.',
      );
    }
    const search = scenario('search').serverToolUse('web_search', { query: 'q' }).usage({ output_tokens: 3 });
    expect(() => search.webSearchResult([{ title: 't', url: 'https://a.example' }])).toThrow(TypeError);
    // What may follow it: pings, pauses, raw events, more usage, the stop.
    const ended = counted.ping().pause(10).event({ type: 'future' }).usage({ output_tokens: 4 }).stop();
    expect(
      loose(ended.events)
        .map((event) => event.type)
        .slice(-6),
    ).toEqual(['message_delta', 'ping', 'future', 'message_delta', 'message_delta', 'message_stop']);
    const late: ScenarioDescription = {
      name: 'data',
      steps: [
        { type: 'usage', usage: { output_tokens: 1 } },
        { type: 'text', text: 'Late.' },
        { type: 'stop', reason: 'end_turn' },
      ],
    };
    expect(() => defineScenario(late)).toThrow(TypeError);
    expect(() => defineScenario(late)).toThrow('Scenario "data": a text step cannot follow a usage step.');
  });

  it('sends stop details and stop sequences', () => {
    const details = { type: 'refusal', category: 'cyber', explanation: null };
    const refusal = scenario('r').text('Sure').stop('refusal', { stopDetails: details });
    expect(refusal.expectedMessage).toMatchObject({ stop_reason: 'refusal', stop_details: details });
    const sequence = scenario('s').text('a').stop('stop_sequence', { stopSequence: '###' });
    expect(sequence.expectedMessage.stop_sequence).toBe('###');
  });

  it("sends the code execution container and context editing's applied edits, and expects them", async () => {
    const container = { id: 'container_1', expires_at: '2026-12-07T16:00:00Z' };
    const applied = {
      applied_edits: [{ type: 'clear_tool_uses_20250919', cleared_tool_uses: 1, cleared_input_tokens: 40 }],
    };
    const built = scenario('ran').text('Done').stop('end_turn', { container, contextManagement: applied });
    expect(built.events.at(-2)).toMatchObject({ delta: { container }, context_management: applied });
    expect(built.expectedMessage).toMatchObject({ container, context_management: applied });
    const bytes = built.events
      .map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    const read = await readMessageStream(new Blob([bytes]).stream()).finalMessage();
    expect(read).toEqual(built.expectedMessage);
  });

  it('streams an MCP tool call by the connector, with its server, as the reader reads it', async () => {
    const result = {
      type: 'mcp_tool_result',
      tool_use_id: 'mcptoolu_1',
      is_error: false,
      content: [{ type: 'text', text: '3 open issues' }],
    };
    const built = scenario('mcp')
      .mcpToolUse(
        'tracker',
        'list_issues',
        { state: 'open', limit: 3 },
        { id: 'mcptoolu_1', fragments: 'characters' },
      )
      .block(result)
      .text('There are 3 open issues.')
      .stop('end_turn');
    expect(loose(built.events)[1]?.content_block).toEqual({
      type: 'mcp_tool_use',
      id: 'mcptoolu_1',
      name: 'list_issues',
      server_name: 'tracker',
      input: {},
    });
    expect(
      deltasOf(built.events, 0)
        .map((delta) => delta['partial_json'])
        .join(''),
    ).toBe('{"state": "open", "limit": 3}');
    expect(built.expectedMessage.content.slice(0, 2)).toEqual([
      {
        type: 'mcp_tool_use',
        id: 'mcptoolu_1',
        name: 'list_issues',
        server_name: 'tracker',
        input: { state: 'open', limit: 3 },
      },
      result,
    ]);
    const bytes = built.events
      .map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join('');
    expect(await readMessageStream(new Blob([bytes]).stream()).finalMessage()).toEqual(built.expectedMessage);
    expect(
      scenario('ids').mcpToolUse('s', 't', {}).stop('end_turn').expectedMessage.content[0],
    ).toMatchObject({
      id: expect.stringMatching(/^mcptoolu_/),
    });
    expect(() =>
      defineScenario({
        name: 'nameless',
        steps: [
          { type: 'mcp_tool_use', name: 't', input: {} },
          { type: 'stop', reason: 'end_turn' },
        ],
      }),
    ).toThrow(
      new TypeError(`Scenario "nameless": the mcp_tool_use step's serverName must name the MCP server`),
    );
  });

  it('refuses a stop option it does not know, which would be left out without a word', () => {
    expect(() =>
      scenario('typo')
        .text('a')
        .stop('end_turn', { stopDetail: {} } as never),
    ).toThrow(
      'Scenario "typo", step 1: stop() has no option "stopDetail" (stopSequence, stopDetails, container, contextManagement, usage)',
    );
  });

  it('ends with an error event and expects the partial message and the error', () => {
    const built = scenario('boom').text('partial answer').error('overloaded_error', 'Overloaded');
    expect(built.events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(built.expectedMessage.content).toEqual([{ type: 'text', text: 'partial answer' }]);
    expect(built.expectedMessage.stop_reason).toBeNull();
    expect(built.expectedError).toEqual({ kind: 'stream-event', errorType: 'overloaded_error' });
  });

  it('passes future events through without changing the expected message', () => {
    const future = { type: 'brand_new_event', payload: [1] };
    const built = scenario('future').event(future).text('ok').stop();
    expect(built.events[1]).toEqual(future);
    expect(built.expectedMessage.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('points webSearchResult at the latest server tool call', () => {
    const built = scenario('search')
      .serverToolUse('web_search', { query: 'q' })
      .webSearchResult([{ title: 'T', url: 'https://t.example' }])
      .stop();
    const [call, result] = built.expectedMessage.content;
    expect(call).toMatchObject({ type: 'server_tool_use', id: expect.stringMatching(/^srvtoolu_01/u) });
    expect(result).toMatchObject({
      type: 'web_search_tool_result',
      tool_use_id: call?.['id'],
      content: [{ type: 'web_search_result', title: 'T', url: 'https://t.example', page_age: null }],
    });
    expect(() => scenario('x').webSearchResult([])).toThrow(/serverToolUse/u);
  });

  it('records pauses in the timeline, not as events', () => {
    const built = scenario('p').text('a').pause(2500).text('b').stop();
    expect(built.events).toHaveLength(built.timeline.length);
    const second = built.timeline.findIndex((entry) => entry.pauseBefore > 0);
    expect(built.timeline[second]).toMatchObject({
      pauseBefore: 2500,
      event: { type: 'content_block_start', index: 1 },
    });
  });

  it('is immutable, seeded and repeatable', () => {
    const base = scenario('same').text('shared prefix');
    const a = base.toolUse('f', { x: 1 }).stop('tool_use');
    const b = base.stop();
    expect(a.expectedMessage.content).toHaveLength(2);
    expect(b.expectedMessage.content).toHaveLength(1);
    // Branches of one prefix stay apart, however long they grow.
    let long = base;
    for (let index = 0; index < 3000; index++) long = long.ping();
    expect(
      long
        .text('after')
        .stop()
        .events.filter((event) => event.type === 'ping'),
    ).toHaveLength(3000);
    expect(base.stop()).toEqual(b);
    expect(scenario('same').text('shared prefix').stop()).toEqual(b);
    expect(scenario('same', { seed: 99 }).text('shared prefix').stop().expectedMessage.id).not.toBe(
      b.expectedMessage.id,
    );
  });

  it('matches defineScenario on the same description, generated ids and signatures included', () => {
    for (const seeded of [{}, { seed: 7 }]) {
      const fromBuilder = scenario('plain', seeded)
        .text('Hi')
        .toolUse('f', { a: 1 })
        .serverToolUse('web_search', { query: 'q' })
        .thinking('Then this.')
        .toolUse('g', { b: 2 }, { id: 'toolu_fixed' })
        .stop('tool_use');
      const fromData = defineScenario({
        name: 'plain',
        ...seeded,
        steps: [
          { type: 'text', text: 'Hi' },
          { type: 'tool_use', name: 'f', input: { a: 1 } },
          { type: 'server_tool_use', name: 'web_search', input: { query: 'q' } },
          { type: 'thinking', thinking: 'Then this.' },
          { type: 'tool_use', name: 'g', input: { b: 2 }, id: 'toolu_fixed' },
          { type: 'stop', reason: 'tool_use' },
        ],
      });
      expect(fromData.events).toEqual(fromBuilder.events);
      expect(fromData.expectedMessage).toEqual(fromBuilder.expectedMessage);
    }
  });

  it('rejects steps after the end and blocks after a cut', () => {
    expect(() =>
      defineScenario({ name: 'bad', steps: [{ type: 'stop', reason: 'end_turn' }, { type: 'ping' }] }),
    ).toThrow(/last step/u);
    expect(() =>
      defineScenario({
        name: 'bad',
        steps: [
          { type: 'text', text: 'abc', cutAt: 1 },
          { type: 'text', text: 'more' },
        ],
      }),
    ).toThrow(/cut block/u);
  });

  it('compiles a continuation as its own answer: name, seed and model of the scenario, steps checked', () => {
    const rest = scenario('anyName', { seed: 7, model: 'other' }).text(' and more.').stop('end_turn');
    const built = scenario('partial', { seed: 3, model: 'claude-test', continuation: rest })
      .text('Some')
      .error();
    expect(built.continuation).toMatchObject({ name: 'partial', seed: 3, expectedText: ' and more.' });
    expect(built.continuation?.expectedMessage.model).toBe('claude-test');
    expect(built.continuation?.events).toEqual(
      defineScenario({ name: 'partial', seed: 3, model: 'claude-test', steps: rest.steps }).events,
    );
    expect(() =>
      scenario('bad', { continuation: [{ type: 'stop', reason: 'end_turn' }, { type: 'ping' }] }).stop(),
    ).toThrow(/last step/u);
    // The continuation request sends the conversation again: its input usage is its own.
    const longer = scenario('more', { inputTokens: 760, cacheReadInputTokens: 5000 })
      .text('!')
      .stop('end_turn');
    const paused = scenario('paused', { inputTokens: 700, continuation: longer })
      .text('Wait')
      .stop('pause_turn');
    expect(paused.continuation?.expectedMessage.usage).toMatchObject({
      input_tokens: 760,
      cache_read_input_tokens: 5000,
    });
    const byStep = scenario('steps', { inputTokens: 700, continuation: longer.steps })
      .text('Wait')
      .stop('pause_turn');
    expect(byStep.continuation?.expectedMessage.usage.input_tokens).toBe(700);
    expect(() => scenario('bad', { continuation: 'more' as never }).stop()).toThrow(
      new TypeError('Scenario "bad": the continuation must be steps or a built scenario'),
    );
  });
});
