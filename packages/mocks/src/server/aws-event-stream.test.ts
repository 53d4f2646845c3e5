// @vitest-environment node
import { eventStreamToSSEResponse } from '@anthropic-ai/bedrock-sdk/core/streaming';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSSE } from '../test/sse-events.ts';
import { encodeEventStreamMessage } from './aws-event-stream.ts';

const encoder = new TextEncoder();
const chunkHeaders = {
  ':event-type': 'chunk',
  ':content-type': 'application/json',
  ':message-type': 'event',
};

/** Bedrock's chunk: the event's JSON in base64. */
function chunk(json: string): Uint8Array {
  const payload = JSON.stringify({ bytes: Buffer.from(json).toString('base64'), p: 'abc' });
  return encodeEventStreamMessage(chunkHeaders, encoder.encode(payload));
}

/** What the Bedrock SDK makes of these body pieces: the SSE events it hands to the Anthropic SDK. */
async function decodeWithSDK(pieces: readonly Uint8Array[]): Promise<{ event: string; data: string }[]> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  const response = eventStreamToSSEResponse(
    new Response(body, { headers: { 'content-type': 'application/vnd.amazon.eventstream' } }),
  );
  return (await readSSE(response.body!)).map(({ event, data }) => ({ event: event ?? 'message', data }));
}

function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].toSorted((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    pieces.push(bytes.subarray(start, offset));
    start = offset;
  }
  return pieces;
}

describe('encodeEventStreamMessage', () => {
  it('encodes an empty message as the AWS test vector does', () => {
    // Total length 16, no headers, the prelude's CRC, the message's CRC.
    expect(Buffer.from(encodeEventStreamMessage({}, new Uint8Array())).toString('hex')).toBe(
      '000000100000000005c248eb7d98c8ff',
    );
  });

  it('lays out the prelude, string headers and payload', () => {
    const message = encodeEventStreamMessage({ ':a': 'xy' }, encoder.encode('{}'));
    const view = new DataView(message.buffer);
    expect(view.getUint32(0)).toBe(message.length);
    expect(view.getUint32(4)).toBe(1 + 2 + 1 + 2 + 2);
    expect([...message.subarray(12, 20)]).toEqual([2, 0x3a, 0x61, 7, 0, 2, 0x78, 0x79]);
    expect(Buffer.from(message.subarray(20, 22)).toString()).toBe('{}');
  });

  it('is decoded by the Bedrock SDK into the Anthropic event it carries', async () => {
    expect(await decodeWithSDK([chunk('{"type":"ping"}'), chunk('{"type":"message_stop"}')])).toEqual([
      { event: 'ping', data: '{"type":"ping"}' },
      { event: 'message_stop', data: '{"type":"message_stop"}' },
    ]);
  });

  it('is decoded by the Bedrock SDK as an error event when it is an exception', async () => {
    const exception = encodeEventStreamMessage(
      {
        ':exception-type': 'throttlingException',
        ':content-type': 'application/json',
        ':message-type': 'exception',
      },
      encoder.encode('{"message":"Too many requests"}'),
    );
    const events = await decodeWithSDK([chunk('{"type":"ping"}'), exception]);
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({
        type: 'error',
        error: { type: 'throttlingException', message: 'Too many requests' },
      }),
    });
  });

  it('decodes whatever the text and wherever the body is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (texts, cuts) => {
          const events = texts.map((text) => JSON.stringify({ type: 'text', text }));
          const body = Buffer.concat(events.map(chunk));
          const decoded = await decodeWithSDK(splitAt(body, cuts));
          expect(decoded.map(({ data }) => data)).toEqual(events);
        },
      ),
      { numRuns: 60 },
    );
  });
});
