import { describe, expect, it } from 'vitest';
import { AbortError } from '../errors.ts';
import { bytesStream } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import type { MessageStreamEvent } from '../types.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream } from './read-message-stream.ts';

// One chunk usually carries many events, decoded in one go: a stop must still be the last thing
// a listener sees, and the snapshot must stay what it was when the user stopped.
describe('a stop from inside a listener', () => {
  it('is the last event handled, even with the rest of the answer in the same chunk', async () => {
    const events = transcripts['text']!;
    const stream = readMessageStream(bytesStream(toSSE(events), 1 << 20));
    const texts: string[] = [];
    const after: string[] = [];
    stream.on('text', (delta) => {
      texts.push(delta);
      if (texts.length === 1) stream.abort();
    });
    stream.on('streamEvent', (event) => {
      if (texts.length > 0) after.push(event.type);
    });
    for (const name of ['contentBlock', 'message'] as const) stream.on(name, () => after.push(name));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(texts).toHaveLength(1);
    expect(after).toEqual([]);
    expect(stream.snapshot).toBe(error.partial);
    expect(stream.snapshot?.complete).toBe(false);
  });

  it('ends readMessageEvents at that event too', async () => {
    const controller = new AbortController();
    const seen: MessageStreamEvent['type'][] = [];
    const reading = readMessageEvents(
      bytesStream(toSSE(transcripts['text']!), 1 << 20),
      {
        onEvent: (event) => seen.push(event.type),
        onText: () => controller.abort(),
      },
      { signal: controller.signal },
    );
    expect(await rejection(reading)).toBeInstanceOf(AbortError);
    expect(seen.at(-1)).toBe('content_block_delta');
    expect(seen.filter((type) => type === 'content_block_delta')).toHaveLength(1);
  });
});
