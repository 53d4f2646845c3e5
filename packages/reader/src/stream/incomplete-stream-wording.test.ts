import { describe, expect, it } from 'vitest';
import { IncompleteStreamError } from '../errors.ts';
import { bytesStream } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream, readTextStream } from './read-message-stream.ts';

describe('IncompleteStreamError names the end marker of the protocol read', () => {
  it('a plain-text stream without [DONE] ended before [DONE]', async () => {
    const error = await rejection(readTextStream(bytesStream('data: Hello\n\n')).finalMessage());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error.message).toBe('The stream ended before [DONE]');
  });

  it('an Anthropic stream without message_stop ended before message_stop', async () => {
    const events = transcripts['text']!.slice(0, -1);
    const error = await rejection(readMessageStream(bytesStream(toSSE(events))).finalMessage());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error.message).toBe('The stream ended before message_stop');
  });

  it('either, empty, ended before any message arrived', async () => {
    for (const stream of [readTextStream(bytesStream('')), readMessageStream(bytesStream(''))]) {
      expect((await rejection(stream.finalMessage())).message).toBe(
        'The stream ended before any message arrived',
      );
    }
  });
});

describe('in sink mode (readMessageEvents) too', () => {
  it('names [DONE] for the text protocol and message_stop for Anthropic', async () => {
    const text = await rejection(readMessageEvents(bytesStream('data: Hello\n\n'), {}, { protocol: 'text' }));
    expect(text).toBeInstanceOf(IncompleteStreamError);
    expect(text.message).toBe('The stream ended before [DONE]');
    const events = transcripts['text']!.slice(0, -1);
    const anthropic = await rejection(readMessageEvents(bytesStream(toSSE(events)), {}));
    expect(anthropic.message).toBe('The stream ended before message_stop');
  });
});
