import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors.ts';
import { sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream } from './read-message-stream.ts';

const TEXT = toSSE(transcripts['text']!);

describe('a source that cannot be read', () => {
  it('a Response whose body was already read is a TypeError at once, not a network failure later', async () => {
    const used = sseResponse(TEXT);
    await used.text();
    expect(() => readMessageStream(used)).toThrow('The body is already read or being read');
    const locked = sseResponse(TEXT);
    locked.body!.getReader();
    expect(() => readMessageStream(locked.body!)).toThrow(TypeError);
    await expect(readMessageEvents(locked, {})).rejects.toThrow(TypeError);
  });

  it('a fetch that rejects is a ConnectionError for readMessageEvents, as for readMessageStream', async () => {
    const failed = Promise.reject(new TypeError('fetch failed'));
    const error = await rejection(readMessageEvents(failed, {}));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('returning an iterator by hand ends the read waiting beside it', async () => {
    const stream = readMessageStream(new ReadableStream<Uint8Array>());
    const iterator = stream[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await iterator.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(stream.status).toBe('aborted');
  });
});
