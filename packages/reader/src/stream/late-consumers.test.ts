import { describe, expect, it } from 'vitest';
import { segmentText } from '../text/segment-text.ts';
import { controlledBody } from '../test/msw-sse.ts';
import { blockStart, messageStart, stop, text, toSSE } from '../test/transcripts.ts';
import type { MessageStream } from './message-stream.ts';
import { readMessageStream } from './read-message-stream.ts';

const FIRST = 'The first sentence came early. And a sec';
const REST = 'ond one came after the loop began.';

/** A stream that has read the first part of its text, with the rest to send. */
async function streamBegun(): Promise<{ stream: MessageStream; finish: () => void }> {
  const body = controlledBody(
    toSSE([messageStart('msg_late'), blockStart(0, { type: 'text', text: '' }), text(0, FIRST)]),
  );
  const stream = readMessageStream(body.body);
  // An await between making the stream and reading it, as a CLI or a handler has.
  await new Promise<void>((resolve) => stream.on('text', () => resolve()));
  const finish = () => {
    body.send(
      toSSE([
        text(0, REST),
        stop(0),
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: 20 },
        },
        { type: 'message_stop' },
      ]),
    );
    body.close();
  };
  return { stream, finish };
}

async function all<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const read: Item[] = [];
  for await (const item of items) read.push(item);
  return read;
}

describe('a loop begun after the stream did', () => {
  it('textStream starts with the text that came before, then goes on: nothing is lost', async () => {
    const { stream, finish } = await streamBegun();
    const reading = all(stream.textStream);
    finish();
    expect((await reading).join('')).toBe(FIRST + REST);
  });

  it('textStream begun after the end gives the whole text', async () => {
    const { stream, finish } = await streamBegun();
    finish();
    await stream.finalMessage();
    expect(await all(stream.textStream)).toEqual([FIRST + REST]);
  });

  it('segmentText of the stream starts with the text so far, in whole sentences', async () => {
    const { stream, finish } = await streamBegun();
    const reading = all(segmentText(stream, 'sentence'));
    finish();
    expect(await reading).toEqual([
      'The first sentence came early. ',
      'And a second one came after the loop began.',
    ]);
  });

  it('leaving at the text so far stops the stream', async () => {
    const { stream } = await streamBegun();
    for await (const piece of stream.textStream) {
      expect(piece).toBe(FIRST);
      break;
    }
    await stream.done();
    expect(stream.status).toBe('aborted');
  });

  it('segmentText begun late still ends a sentence where a search came between two text blocks', async () => {
    const events = [
      messageStart('msg_blocks'),
      blockStart(0, { type: 'text', text: '' }),
      text(0, 'Let me check the weather.'),
      stop(0),
      blockStart(1, {
        type: 'server_tool_use',
        id: 'srvtoolu_1',
        name: 'web_search',
        input: { query: 'Paris' },
      }),
      stop(1),
      blockStart(2, { type: 'text', text: '' }),
      text(2, 'It is sunny in Paris today.'),
      stop(2),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 20 },
      },
      { type: 'message_stop' },
    ];
    const stream = readMessageStream(
      new Response(toSSE(events), { headers: { 'content-type': 'text/event-stream' } }),
    );
    await stream.finalMessage();
    const sentences = await all(segmentText(stream, 'sentence'));
    expect(sentences).toEqual(['Let me check the weather.', '\n\nIt is sunny in Paris today.']);
    expect(sentences.join('')).toBe(await stream.finalText());
  });
});
