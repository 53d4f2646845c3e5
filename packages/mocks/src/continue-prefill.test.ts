import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';
import { continuePrefill } from './continue-prefill.ts';
import { defineScenario } from './define-scenario.ts';
import { dropConnection } from './faults.ts';
import type { MockScenario } from './scenario-types.ts';

/** A request continuing an answer: a user message, then the partial answer as the final assistant turn. */
const continuing = (content: unknown) => ({
  messages: [
    { role: 'user', content: 'Explain [scenario:longAnswer]' },
    { role: 'assistant', content },
  ],
});

/** The text the events stream, every text delta joined. */
function streamedText(mock: MockScenario): string {
  return mock.events
    .map((event) => {
      const delta = (event as { delta?: { type?: unknown; text?: unknown } }).delta;
      return event.type === 'content_block_delta' && delta?.type === 'text_delta' ? String(delta.text) : '';
    })
    .join('');
}

describe('continuePrefill', () => {
  const long = scenarios.longAnswer;
  const full = long.expectedText;

  it('streams only what follows a prefill that begins the text, once', () => {
    const prefill = full.slice(0, 120).trimEnd();
    const continued = continuePrefill(long, continuing([{ type: 'text', text: prefill }]));
    expect(prefill + streamedText(continued)).toBe(full);
    expect(continued.expectedText).toBe(full.slice(prefill.length));
    expect(continued.expectedMessage.content).toEqual([{ type: 'text', text: full.slice(prefill.length) }]);
    expect(continued.expectedMessage.stop_reason).toBe('end_turn');
    expect(continued.expectedMessage.model).toBe(long.expectedMessage.model);
    expect(continued.expectedMessage.usage.input_tokens).toBe(long.expectedMessage.usage.input_tokens);
    expect([continued.name, continued.seed]).toEqual([long.name, long.seed]);
  });

  it('reads the prefill as the API does: string content, text blocks joined, trailing whitespace left out', () => {
    const cutHere = full.indexOf(' ', 60);
    const rest = full.slice(cutHere);
    expect(continuePrefill(long, continuing(full.slice(0, cutHere))).expectedText).toBe(rest);
    expect(continuePrefill(long, continuing(`${full.slice(0, cutHere)} \n`)).expectedText).toBe(rest);
    const blocks = [
      { type: 'text', text: full.slice(0, 10) },
      { type: 'thinking', thinking: 'not text', signature: 's' },
      { type: 'text', text: full.slice(10, cutHere) },
    ];
    expect(continuePrefill(long, continuing(blocks)).expectedText).toBe(rest);
  });

  it('goes on after the block the prefill ends in, with the blocks and stop after it', () => {
    const { webSearch } = scenarios;
    const [first, , , second] = webSearch.expectedMessage.content as { text?: string }[];
    const prefill = `${first?.text}${second?.text?.slice(0, 20).trimEnd()}`;
    const continued = continuePrefill(webSearch, continuing([{ type: 'text', text: prefill }]));
    const [rest, next] = continued.expectedMessage.content as { type: string; text?: string }[];
    expect(second?.text).toBe(second?.text?.slice(0, 20).trimEnd() + (rest?.text ?? ''));
    expect(next).toEqual(webSearch.expectedMessage.content[4]);
    expect(continued.expectedMessage.content).toHaveLength(2);
    // A prefill that ends a block exactly: the blocks after it come whole (here the search first).
    const atEnd = continuePrefill(webSearch, continuing(first?.text));
    expect(atEnd.expectedMessage.content).toEqual(webSearch.expectedMessage.content.slice(1));
  });

  it('keeps a max_tokens cut where it was', () => {
    const { maxTokens } = scenarios;
    const text = (maxTokens.expectedMessage.content[0] as { text: string }).text;
    const continued = continuePrefill(maxTokens, continuing('The Industrial Revolution'));
    expect(continued.expectedMessage.content).toEqual([
      { type: 'text', text: text.slice('The Industrial Revolution'.length) },
    ]);
    expect(continued.expectedMessage.stop_reason).toBe('max_tokens');
  });

  it('continues an answer max_tokens cut, sent back whole, with the rest of its text (Continue)', () => {
    const { maxTokens } = scenarios;
    const step = maxTokens.steps[0] as { text: string };
    // Before: the same cut again (no text and max_tokens), so Continue never moved on.
    const continued = continuePrefill(maxTokens, continuing(maxTokens.expectedText));
    expect(continued.expectedMessage.content).toEqual([
      { type: 'text', text: Array.from(step.text).slice(97).join('') },
    ]);
    expect(continued.expectedMessage.stop_reason).toBe('end_turn');
  });

  it('a prefill of the whole text leaves an empty answer that stops', () => {
    const basic = continuePrefill(scenarios.basic, continuing(scenarios.basic.expectedText));
    expect(basic.expectedMessage.content).toEqual([]);
    expect(basic.events.map((event) => event.type)).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
  });

  it('keeps the faults, so a continued answer fails as the scenario does', () => {
    const { droppedConnection } = scenarios;
    const prefill = droppedConnection.expectedText.slice(0, 5).trimEnd();
    const continued = continuePrefill(droppedConnection, continuing(prefill));
    expect(continued.faults).toEqual(droppedConnection.faults);
    expect(continued.expectedError).toEqual(droppedConnection.expectedError);
  });

  it('goes on from the end of a paused turn sent back whole, with its continuation', () => {
    const { pauseTurn } = scenarios;
    const { continuation } = pauseTurn;
    const resumed = continuePrefill(pauseTurn, continuing(pauseTurn.expectedMessage.content));
    expect(resumed.expectedMessage).toEqual(continuation?.expectedMessage);
    expect(resumed.expectedMessage.stop_reason).toBe('end_turn');
    expect(resumed.expectedMessage.content.map((block) => block.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'text',
    ]);
    // A new search: its id is not the paused one's.
    expect(resumed.expectedMessage.content[0]?.['id']).not.toBe(pauseTurn.expectedMessage.content[1]?.['id']);
    expect([resumed.name, resumed.seed, resumed.faults]).toEqual([pauseTurn.name, pauseTurn.seed, []]);
    // The first request still gets the paused turn.
    expect(pauseTurn.expectedMessage.stop_reason).toBe('pause_turn');
  });

  it('reaches the end only with all the text and the last block itself', () => {
    const { pauseTurn } = scenarios;
    const content = pauseTurn.expectedMessage.content;
    const resumed = pauseTurn.continuation?.expectedMessage;
    // Without the search result, or with another search's, it is no continuation from the end.
    for (const prefill of [
      content.slice(0, 2),
      [...content.slice(0, 2), { ...content[2], tool_use_id: 'srvtoolu_other' }],
      [{ type: 'text', text: 'Let me' }, ...content.slice(1)],
    ]) {
      expect(continuePrefill(pauseTurn, continuing(prefill)).expectedMessage).not.toEqual(resumed);
    }
  });

  it('does not fire an error step the prefill reached again: the rest of the answer streams', () => {
    const { overloadedMidStream } = scenarios;
    const partial = overloadedMidStream.expectedText;
    const retried = continuePrefill(overloadedMidStream, continuing(partial));
    expect(retried.expectedError).toBeUndefined();
    expect(retried.expectedMessage).toEqual(overloadedMidStream.continuation?.expectedMessage);
    expect(partial + retried.expectedText).toBe(
      'The printing press, developed around 1440 by Johannes Gutenberg, made books affordable, and ideas spread across Europe faster than ever before.',
    );
    // A prefill short of the error point still meets the error.
    const short = partial.slice(0, 20).trimEnd();
    const stopped = continuePrefill(overloadedMidStream, continuing(short));
    expect(stopped.expectedText).toBe(partial.slice(short.length));
    expect(stopped.expectedError).toEqual({ kind: 'stream-event', errorType: 'overloaded_error' });
  });

  it('streams the rest of a text block an error cut (cutAt), then ends with end_turn when not told more', () => {
    const broken = scenario('broken').text('One two three four.', { cutAt: 7 }).error('api_error', 'Oops');
    expect(broken.expectedText).toBe('One two');
    const retried = continuePrefill(broken, continuing('One two'));
    expect(retried.expectedMessage.content).toEqual([{ type: 'text', text: ' three four.' }]);
    expect(retried.expectedMessage.stop_reason).toBe('end_turn');
    expect(retried.expectedError).toBeUndefined();
    const told = scenario('told', { continuation: [{ type: 'stop', reason: 'max_tokens' }] })
      .text('One two three four.', { cutAt: 7 })
      .error();
    expect(continuePrefill(told, continuing('One two')).expectedMessage).toMatchObject({
      content: [{ type: 'text', text: ' three four.' }],
      stop_reason: 'max_tokens',
    });
  });

  it('ends a paused turn without a continuation with end_turn, and keeps the faults', () => {
    const paused = scenario('paused')
      .serverToolUse('web_search', { query: 'q' })
      .fault(dropConnection(10_000))
      .stop('pause_turn');
    const resumed = continuePrefill(paused, continuing(paused.expectedMessage.content));
    expect(resumed.expectedMessage).toMatchObject({ content: [], stop_reason: 'end_turn' });
    expect(resumed.faults).toEqual(paused.faults);
  });

  it('serves the continuation a description gives to a prefill of the whole answer', () => {
    const more = defineScenario({
      name: 'more',
      model: 'claude-test',
      steps: [
        { type: 'text', text: 'Part one.' },
        { type: 'stop', reason: 'end_turn' },
      ],
      continuation: [
        { type: 'text', text: ' Part two.' },
        { type: 'stop', reason: 'end_turn' },
      ],
    });
    expect(more.continuation?.expectedMessage).toMatchObject({
      model: 'claude-test',
      content: [{ type: 'text', text: ' Part two.' }],
    });
    expect(continuePrefill(more, continuing('Part one.')).expectedMessage).toEqual(
      more.continuation?.expectedMessage,
    );
    expect(continuePrefill(more, continuing('Part')).expectedText).toBe(' one.');
  });

  it('serves the scenario itself without a prefill that begins its text', () => {
    const own = scenario('own').text('Hello there.').stop('end_turn');
    for (const body of [
      { messages: [{ role: 'user', content: 'Hi' }] },
      continuing('Goodbye'),
      continuing('Hello there. And more'),
      continuing([]),
      continuing([{ type: 'tool_use', id: 't', name: 'x', input: {} }]),
      continuing('   '),
      { messages: [{ role: 'assistant', content: null }] },
      'not JSON',
      null,
    ]) {
      expect(continuePrefill(own, body)).toBe(own);
    }
    const eventsOnly = { ...own, steps: undefined } as unknown as MockScenario;
    expect(continuePrefill(eventsOnly, continuing('Hello'))).toBe(eventsOnly);
  });
});
