import { describe, expect, it } from 'vitest';
import { StreamEventError } from '../errors.ts';
import { readTextStream } from '../stream/read-message-stream.ts';
import { bytesStream } from '../test/msw-sse.ts';
import { instanceOf } from '../test/instance-of.ts';
import { rejection } from '../test/rejection.ts';
import type { MessageStreamEvent } from '../types.ts';
import { createTextProtocolDecoder } from './text-protocol.ts';

/** The events the decoder makes of one `event: error` with `data`. */
function errorEventOf(data: string): MessageStreamEvent[] {
  const events: MessageStreamEvent[] = [];
  createTextProtocolDecoder()({ event: 'error', data, id: '' }, (event) => events.push(event));
  return events;
}

describe('createTextProtocolDecoder: event: error', () => {
  it("plain text is the message, of no known type: not the API's api_error", () => {
    expect(errorEventOf('Database went away')).toEqual([
      { type: 'error', error: { type: 'unknown_error', message: 'Database went away' } },
    ]);
  });

  it.each([
    [
      'an Anthropic error event',
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    ],
    ['a bare { type, message }', '{"type":"overloaded_error","message":"Overloaded"}'],
  ])('%s keeps its type and message', (_name, data) => {
    expect(errorEventOf(data)).toEqual([
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
  });

  it('JSON naming no type is the message as sent; no data at all is a generic message', () => {
    for (const data of [
      '{"message":"Disk full"}',
      '{"error":"boom"}',
      '{"type":5}',
      'null',
      '42',
      '"text"',
    ]) {
      expect(errorEventOf(data)).toEqual([
        { type: 'error', error: { type: 'unknown_error', message: data } },
      ]);
    }
    expect(errorEventOf('')).toEqual([
      { type: 'error', error: { type: 'unknown_error', message: 'The server reported an error' } },
    ]);
  });

  it('readTextStream fails with a StreamEventError of that type, keeping the text before it', async () => {
    const plain = readTextStream(bytesStream('data: Hello\n\nevent: error\ndata: Database went away\n\n'));
    const error = instanceOf(await rejection(plain.finalMessage()), StreamEventError);
    expect(error.kind).toBe('stream-event');
    expect(error.errorType).toBe('unknown_error');
    expect(error.message).toBe('Database went away');
    expect(error.partial?.message.content).toEqual([{ type: 'text', text: 'Hello' }]);
    const typed = readTextStream(
      bytesStream('event: error\ndata: {"type":"rate_limit_error","message":"Slow down"}\n\n'),
    );
    const typedError = instanceOf(await rejection(typed.finalMessage()), StreamEventError);
    expect([typedError.errorType, typedError.message]).toEqual(['rate_limit_error', 'Slow down']);
    // A type without a message is worded from the type, as for an Anthropic stream.
    const bare = readTextStream(bytesStream('event: error\ndata: {"type":"overloaded_error"}\n\n'));
    const bareError = instanceOf(await rejection(bare.finalMessage()), StreamEventError);
    expect([bareError.errorType, bareError.message]).toEqual([
      'overloaded_error',
      'The stream sent an overloaded_error event',
    ]);
  });
});

describe('readTextStream: counting tokens', () => {
  it('ends with the estimate of the text, never an exact count the stream did not give', async () => {
    const text = 'The plain-text protocol carries no usage, so every figure is an estimate. '.repeat(8);
    const stream = readTextStream(bytesStream(`data: ${text}\n\ndata: [DONE]\n\n`));
    await stream.finalMessage();
    expect(stream.stats.outputTokensExact).toBe(false);
    expect(stream.stats.outputTokens).toBeGreaterThan(100);
  });
});
