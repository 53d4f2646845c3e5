import { describe, expect, it } from 'vitest';
import { accumulateMessage } from '../anthropic/accumulate-message.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { messageStart, toSSE, transcripts } from '../test/transcripts.ts';
import type { MessageSnapshot, MessageStreamEvent } from '../types.ts';

const OVERLOADED = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
/** Attempt 1 starts a message and fails before any content (so it is retried); attempt 2 is the `text` transcript. */
const FIRST_ATTEMPT = toSSE([messageStart('msg_retried'), { type: 'ping' }, OVERLOADED]);

function retriedStream(second: () => Response = () => sseResponse(toSSE(transcripts['text']!))) {
  let calls = 0;
  const fetch = async (): Promise<Response> => (++calls === 1 ? sseResponse(FIRST_ATTEMPT) : second());
  return streamMessage(
    { url: 'https://api.chatstream.test/v1/messages', body: {} },
    { fetch, retry: { maxRetries: 1 }, sleep: async () => undefined },
  );
}

// Overloaded errors before the first token are common and retried: a consumer reading events must
// see one message, not the retried attempt's start followed by the next one's.
describe('the events of an attempt that is retried', () => {
  it('are not iterated: the events read are those of the attempt that counted, and accumulate', async () => {
    const events: MessageStreamEvent[] = [];
    for await (const event of retriedStream()) events.push(event);
    expect(events).toEqual(transcripts['text']);
    let snapshot: MessageSnapshot | undefined;
    for (const event of events) snapshot = accumulateMessage(snapshot, event);
    expect(snapshot?.message.id).not.toBe('msg_retried');
  });

  it('reach no streamEvent listener, while snapshot listeners see every attempt as it comes', async () => {
    const stream = retriedStream();
    const seen: string[] = [];
    const snapshots: string[] = [];
    stream.on('streamEvent', (event) => seen.push(event.type));
    stream.on('snapshot', (snapshot) => snapshots.push(snapshot.message.id));
    await stream.finalMessage();
    expect(seen).toEqual(transcripts['text']!.map((event) => event['type']));
    expect(snapshots[0]).toBe('msg_retried');
  });

  it('are read, error event included, when the last attempt fails before any content', async () => {
    const stream = retriedStream(() => sseResponse(FIRST_ATTEMPT));
    const events: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of stream) events.push(event.type);
      })(),
    );
    expect(error).toMatchObject({ kind: 'stream-event', errorType: 'overloaded_error' });
    expect(events).toEqual(['message_start', 'ping', 'error']);
  });
});
