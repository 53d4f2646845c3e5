import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';
import { continuePrefill } from './continue-prefill.ts';
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
