import { describe, expect, it } from 'vitest';
import { controlledBody } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { messageStart, toSSE } from '../test/transcripts.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream } from './read-message-stream.ts';

/** A response with the API's request id whose body drops after `message_start`. */
function droppedResponse(): Response {
  const body = controlledBody(toSSE([messageStart('msg_dropped')]));
  setTimeout(() => body.fail(new TypeError('terminated')), 0);
  return new Response(body.body, {
    headers: { 'content-type': 'text/event-stream', 'request-id': 'req_011CXYZ' },
  });
}

describe('a failure after the headers names the request', () => {
  it('a connection lost mid-stream carries the request id, in MessageStream and readMessageEvents', async () => {
    const streamed = await rejection(readMessageStream(droppedResponse()).finalMessage());
    expect(streamed).toMatchObject({ kind: 'connection', requestId: 'req_011CXYZ' });
    const sunk = await rejection(readMessageEvents(droppedResponse(), {}));
    expect(sunk).toMatchObject({ kind: 'connection', requestId: 'req_011CXYZ' });
  });

  it('a stream that ends before message_stop carries it too', async () => {
    const response = new Response(toSSE([messageStart('msg_short')]), {
      headers: { 'content-type': 'text/event-stream', 'request-id': 'req_short' },
    });
    const error = await rejection(readMessageStream(response).finalMessage());
    expect(error).toMatchObject({ kind: 'incomplete', requestId: 'req_short' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ requestId: 'req_short' });
  });
});
