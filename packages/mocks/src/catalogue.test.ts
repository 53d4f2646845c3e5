import { describe, expect, it } from 'vitest';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { scenarios } from './catalogue.ts';
import type { MockScenario, StreamEvent } from './scenario-types.ts';

type Loose = {
  type: string;
  index?: number;
  delta?: Record<string, unknown>;
  content_block?: Record<string, unknown>;
};
const loose = (events: readonly StreamEvent[]): Loose[] => events as Loose[];
const types = (scenario: MockScenario): string[] => loose(scenario.events).map((event) => event.type);
const deltaTypes = (scenario: MockScenario, index: number): unknown[] =>
  loose(scenario.events)
    .filter((event) => event.type === 'content_block_delta' && event.index === index)
    .map((event) => event.delta?.['type']);

/**
 * The event grammar: message_start, blocks one after another by index, then message_delta(s) and the
 * end. Lists what breaks it.
 */
function orderViolations(scenario: MockScenario): string[] {
  const events = loose(scenario.events);
  const problems: string[] = [];
  if (events[0]?.type !== 'message_start') problems.push('does not open with message_start');
  let open: number | undefined;
  let next = 0;
  let delta: number | undefined;
  for (const [position, event] of events.slice(1).entries()) {
    if (event.type === 'message_delta') delta ??= position;
    else if (delta !== undefined && event.type.startsWith('content_block_'))
      problems.push(`#${position}: ${event.type} after the message_delta at #${delta}`);
    if (event.type === 'content_block_start') {
      if (event.index !== next) problems.push(`#${position}: block ${event.index} starts, ${next} expected`);
      open = next;
      next += 1;
    } else if (event.type === 'content_block_delta' || event.type === 'content_block_stop') {
      if (event.index !== open)
        problems.push(`#${position}: ${event.type} for block ${event.index}, ${open} is open`);
      if (event.type === 'content_block_stop') open = undefined;
    }
  }
  const ending = types(scenario)
    .slice(scenario.expectedError?.kind === 'stream-event' ? -1 : -2)
    .join(',');
  const wanted = scenario.expectedError?.kind === 'stream-event' ? 'error' : 'message_delta,message_stop';
  if (ending !== wanted) problems.push(`ends with ${ending}, not ${wanted}`);
  if (scenario.expectedMessage.content.length !== next)
    problems.push('expected content does not match the blocks');
  return problems;
}

describe('catalogue', () => {
  it('names every scenario by its key and describes it', () => {
    for (const [key, scenario] of Object.entries(scenarios)) {
      expect(scenario.name).toBe(key);
      expect(scenario.description).not.toBe('');
    }
    expect(Object.keys(scenarios)).toHaveLength(
      Object.keys(contentScenarios).length + Object.keys(faultScenarios).length,
    );
  });

  it.each(Object.keys(scenarios))('%s streams events in the API order', (name) => {
    expect(orderViolations(scenarios[name as keyof typeof scenarios])).toEqual([]);
  });

  it('content scenarios carry no faults and expect success', () => {
    for (const scenario of Object.values(contentScenarios)) {
      expect(scenario.faults).toEqual([]);
      expect(scenario.expectedError).toBeUndefined();
      expect(scenario.expectedMessage.stop_reason).not.toBeNull();
    }
  });

  it('every fault scenario says how a client fails (or that it recovers)', () => {
    const kinds = Object.fromEntries(Object.values(faultScenarios).map((s) => [s.name, s.expectedError]));
    expect(kinds).toEqual({
      badRequest: { kind: 'http', status: 400, errorType: 'invalid_request_error' },
      promptTooLong: { kind: 'http', status: 400, errorType: 'invalid_request_error' },
      unauthorized: { kind: 'http', status: 401, errorType: 'authentication_error' },
      notFound: { kind: 'http', status: 404, errorType: 'not_found_error' },
      requestTooLarge: { kind: 'http', status: 413, errorType: 'request_too_large' },
      rateLimited: { kind: 'http', status: 429, errorType: 'rate_limit_error' },
      serverError: { kind: 'http', status: 500, errorType: 'api_error' },
      overloaded: { kind: 'http', status: 529, errorType: 'overloaded_error' },
      flakyThenOk: undefined,
      overloadedMidStream: { kind: 'stream-event', errorType: 'overloaded_error' },
      droppedConnection: { kind: 'connection' },
      stalled: undefined,
      noMessageStop: { kind: 'incomplete' },
      malformedEvent: { kind: 'protocol' },
      wrongContentType: { kind: 'http', status: 200, contentType: 'text/html; charset=utf-8' },
      oversizedEvent: undefined,
    });
  });

  it('toolUse streams its input one character at a time after an empty fragment', () => {
    const fragments = loose(contentScenarios.toolUse.events)
      .filter((event) => event.delta?.['type'] === 'input_json_delta')
      .map((event) => event.delta?.['partial_json'] as string);
    expect(fragments[0]).toBe('');
    expect(fragments.slice(1).every((fragment) => fragment.length === 1)).toBe(true);
    expect(contentScenarios.toolUse.expectedMessage.stop_reason).toBe('tool_use');
  });

  it('multiTool makes three calls with distinct ids', () => {
    const calls = contentScenarios.multiTool.expectedMessage.content.filter(
      (block) => block.type === 'tool_use',
    );
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((block) => block['id'])).size).toBe(3);
  });

  it('thinking ends its block with a signature', () => {
    expect(deltaTypes(contentScenarios.thinking, 0).at(-1)).toBe('signature_delta');
    expect(contentScenarios.redactedThinking.expectedMessage.content[1]?.type).toBe('redacted_thinking');
  });

  it('webSearch has a server tool call, its complete result, citations between text deltas and two usage updates', () => {
    const webSearch = contentScenarios.webSearch;
    const blockTypes = webSearch.expectedMessage.content.map((block) => block.type);
    expect(blockTypes).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'text', 'text']);
    expect(deltaTypes(webSearch, 2)).toEqual([]);
    expect(deltaTypes(webSearch, 3).slice(0, 4)).toEqual([
      'text_delta',
      'text_delta',
      'citations_delta',
      'text_delta',
    ]);
    expect(types(webSearch).filter((type) => type === 'message_delta')).toHaveLength(2);
    expect(webSearch.expectedMessage.usage).toMatchObject({
      input_tokens: 2694,
      server_tool_use: { web_search_requests: 1 },
    });
  });

  it('research interleaves thinking with a web search and a web fetch, then cites claim by claim', () => {
    const research = contentScenarios.research;
    const content = research.expectedMessage.content;
    expect(content.map((block) => block.type)).toEqual([
      'thinking',
      'text',
      'server_tool_use',
      'web_search_tool_result',
      'thinking',
      'server_tool_use',
      'web_fetch_tool_result',
      ...Array<string>(7).fill('text'),
    ]);
    expect(content[3]).toMatchObject({ tool_use_id: content[2]?.['id'], content: { length: 3 } });
    expect(content[6]).toMatchObject({
      tool_use_id: content[5]?.['id'],
      content: { type: 'web_fetch_result', content: { type: 'document', citations: { enabled: true } } },
    });
    // Cited claims and the uncited words that join them are blocks of their own, as Claude sends them.
    const answer = content
      .slice(7)
      .map((block) => [
        block['text'],
        ((block['citations'] as { type: string }[] | undefined) ?? []).map((citation) => citation.type),
      ]);
    expect(answer).toEqual([
      ['Here is where things stand.\n\n', []],
      ['Pilot production lines opened in 2024', ['web_search_result_location', 'web_search_result_location']],
      [', and ', []],
      ['lab cells have reached 450 Wh/kg', ['web_search_result_location']],
      ['. ', []],
      [
        'Dendrite growth in lithium-metal anodes remains the main failure mode',
        ['web_search_result_location'],
      ],
      ['.', []],
    ]);
    // A cited block streams its citations before its text.
    expect(deltaTypes(research, 8).slice(0, 3)).toEqual(['citations_delta', 'citations_delta', 'text_delta']);
    const hits = content[3]?.['content'] as { url: string }[];
    for (const block of content.slice(7)) {
      for (const citation of (block['citations'] as { url: string }[] | undefined) ?? []) {
        expect(hits.map((hit) => hit.url)).toContain(citation.url);
      }
    }
    expect(research.expectedMessage.usage).toMatchObject({
      input_tokens: 14_230,
      server_tool_use: { web_search_requests: 1, web_fetch_requests: 1 },
    });
  });

  it('serverToolErrors answers a failed web search and a failed web fetch with a short text', () => {
    const failed = contentScenarios.serverToolErrors.expectedMessage;
    expect(failed.content.map((block) => [block.type, block['content']])).toEqual([
      ['server_tool_use', undefined],
      ['web_search_tool_result', { type: 'web_search_tool_result_error', error_code: 'too_many_requests' }],
      ['server_tool_use', undefined],
      ['web_fetch_tool_result', { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' }],
      ['text', undefined],
    ]);
    expect(failed.content[1]?.['tool_use_id']).toBe(failed.content[0]?.['id']);
    expect(failed.content[3]?.['tool_use_id']).toBe(failed.content[2]?.['id']);
    expect(contentScenarios.serverToolErrors.expectedText).toMatch(/can't confirm/u);
    expect(failed).toMatchObject({
      stop_reason: 'end_turn',
      usage: { server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 } },
    });
  });

  it('refusal stops after partial text with stop_details', () => {
    expect(contentScenarios.refusal.expectedMessage).toMatchObject({
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: 'cyber' },
      content: [{ type: 'text' }],
    });
  });

  it('maxTokens scenarios stop inside text and inside tool JSON without content_block_stop', () => {
    expect(types(contentScenarios.maxTokens)).not.toContain('content_block_stop');
    expect(contentScenarios.maxTokens.expectedMessage.stop_reason).toBe('max_tokens');
    const inTool = contentScenarios.maxTokensInToolInput;
    expect(loose(inTool.events).filter((event) => event.type === 'content_block_stop')).toEqual([
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(inTool.expectedMessage.content[1]).toMatchObject({
      type: 'tool_use',
      input: { path: 'notes/today.md', overwrite: true, size: 120 },
    });
  });

  it('pauseTurn pauses after a server tool and stops with pause_turn', () => {
    expect(contentScenarios.pauseTurn.expectedMessage.stop_reason).toBe('pause_turn');
    expect(contentScenarios.pauseTurn.timeline.some((entry) => entry.pauseBefore >= 3000)).toBe(true);
  });

  it('unicode covers CJK, emoji sequences and right-to-left text, one code point per delta', () => {
    const text = contentScenarios.unicode.expectedText;
    expect(text).toMatch(/你好/u);
    expect(text).toMatch(/👩‍👩‍👧‍👦/u);
    expect(text).toMatch(/مرحبا/u);
    expect(
      loose(contentScenarios.unicode.events)
        .filter((event) => event.delta?.['type'] === 'text_delta')
        .every((event) => Array.from(event.delta?.['text'] as string).length === 1),
    ).toBe(true);
  });

  it('futureEvents and pings carry events a client must ignore', () => {
    expect(types(contentScenarios.futureEvents)).toContain('message_annotation');
    expect(contentScenarios.futureEvents.expectedMessage.content[1]?.type).toBe('future_block');
    expect(types(contentScenarios.pings).filter((type) => type === 'ping')).toHaveLength(4);
  });

  it('overloadedMidStream expects the partial text before the error', () => {
    expect(faultScenarios.overloadedMidStream.expectedText).toMatch(/^The printing press/u);
    expect(faultScenarios.overloadedMidStream.expectedMessage.stop_reason).toBeNull();
  });
});
