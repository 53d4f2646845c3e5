import { describe, expect, it } from 'vitest';
import { AbortError, IncompleteStreamError } from '../errors.ts';
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

describe('a kept stream the relay stopped (its chatstream.stopped event) ends as stopped, not cut off', () => {
  const stopped = 'event: chatstream.stopped\ndata:\n\n';

  it('Anthropic events: an AbortError, status aborted, what came before kept', async () => {
    const events = transcripts['text']!.slice(0, 4);
    const stream = readMessageStream(bytesStream(toSSE(events) + stopped));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(stream.status).toBe('aborted');
    expect(stream.snapshot?.message.content.length).toBeGreaterThan(0);
  });

  it('a message that had ended when it was stopped is whole', async () => {
    const stream = readMessageStream(bytesStream(toSSE(transcripts['text']!) + stopped));
    await expect(stream.finalMessage()).resolves.toBeDefined();
    expect(stream.status).toBe('complete');
  });

  it('plain text too', async () => {
    const stream = readTextStream(bytesStream(`data: Hello\n\n${stopped}`));
    expect(await rejection(stream.finalMessage())).toBeInstanceOf(AbortError);
    expect(stream.status).toBe('aborted');
  });
});
