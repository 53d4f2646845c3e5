import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { readTextStream } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { createTextSource } from './text-source.ts';

/** A continuation that begins with a web search, then text. */
const searchThenText = [
  {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'm',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  },
  {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
  },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Sales rose 4%.' } },
  { type: 'content_block_stop', index: 1 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 9 },
  },
  { type: 'message_stop' },
] as unknown as RawMessageStreamEvent[];

async function textOf(continued?: 'text' | 'after-other', events = searchThenText): Promise<string> {
  const source = createTextSource(
    (async function* () {
      yield* events;
    })(),
    () => undefined,
    continued,
  );
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await source.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  return readTextStream(body).finalText();
}

describe('createTextSource', () => {
  it('breaks from the text a Continue goes on from when the continuation begins with a search', async () => {
    expect(await textOf('text')).toBe('\n\nSales rose 4%.');
    // A new answer that begins with a search has nothing to break from.
    expect(await textOf()).toBe('Sales rose 4%.');
    // An answer that ended on a search (a paused turn) breaks before the text that goes on from it.
    const textOnly = searchThenText.filter((_event, index) => index === 0 || index > 2);
    expect(await textOf('after-other', textOnly)).toBe('\n\nSales rose 4%.');
    expect(await textOf('text', textOnly)).toBe('Sales rose 4%.');
  });
});
