import { describe, expect, it } from 'vitest';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { encodeSSE, encodeSSEEvent, type SSEEncoding } from './encode-sse.ts';
import { encodeTextChunk, encodeTextStream } from './encode-text.ts';
import { createMockStream } from './mock-response.ts';
import type { ByteChunking } from './plan-response.ts';
import type { MockScenario } from './scenario-types.ts';
import { chunksOf, readBytes, readSSE } from './test/sse-events.ts';

const encodings: Record<string, SSEEncoding> = {
  default: {},
  crlf: { lineEnding: '\r\n' },
  cr: { lineEnding: '\r' },
  comments: { comments: true },
  padded: { padJson: 4 },
  splitData: { splitData: true },
  bom: { bom: true },
  everything: { lineEnding: '\r', comments: true, padJson: 2, splitData: true, bom: true },
};
const chunkings: Record<string, ByteChunking> = { event: 'event', oneByte: 1, random: { min: 1, max: 9 } };

async function eventsOf(
  scenario: MockScenario,
  encoding: SSEEncoding,
  chunks: ByteChunking,
): Promise<unknown[]> {
  const messages = await readSSE(createMockStream(scenario, { timing: 'instant', encoding, chunks }));
  return messages.map((message) => {
    const data = JSON.parse(message.data) as { type: string };
    expect(message.event).toBe(data.type);
    return data;
  });
}

describe('SSE encoding', () => {
  it('writes event, data and a blank line', () => {
    expect(encodeSSEEvent({ type: 'ping' })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
    expect(encodeSSEEvent({ type: 'ping' }, { lineEnding: '\r\n', padJson: 2, splitData: true })).toBe(
      'event: ping\r\ndata: {"type":"ping"  \r\ndata: }\r\n\r\n',
    );
  });

  it.each(Object.keys(encodings))('%s framing does not change the events (every chunking)', async (name) => {
    for (const chunks of Object.values(chunkings)) {
      for (const scenario of [contentScenarios.unicode, contentScenarios.webSearch]) {
        expect(await eventsOf(scenario, encodings[name] ?? {}, chunks)).toEqual(scenario.events);
      }
    }
  });

  it.each(Object.keys(contentScenarios))(
    '%s parses back to its events under every framing at once',
    async (name) => {
      const scenario = contentScenarios[name as keyof typeof contentScenarios];
      for (const chunks of Object.values(chunkings)) {
        expect(await eventsOf(scenario, encodings['everything'] ?? {}, chunks)).toEqual(scenario.events);
      }
    },
  );

  it('really emits the variations it promises', async () => {
    const bytes = await readBytes(
      createMockStream(contentScenarios.basic, {
        timing: 'instant',
        encoding: encodings['everything'] ?? {},
      }),
    );
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).not.toContain('\n');
    expect(text).toContain('\r: message_start\r');
    expect(text).toContain('  \rdata: }\r');
    expect(encodeSSE(contentScenarios.basic.events)).toBe(
      new TextDecoder().decode(
        await readBytes(createMockStream(contentScenarios.basic, { timing: 'instant' })),
      ),
    );
  });

  it('splits bytes inside UTF-8 code points when chunking by one byte', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of chunksOf(
      createMockStream(contentScenarios.unicode, { timing: 'instant', chunks: 1 }),
    )) {
      chunks.push(chunk);
    }
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(chunks.some((chunk) => (chunk[0] ?? 0) >= 0x80)).toBe(true);
  });
});

describe('plain-text protocol', () => {
  it('writes one data line per text line and ends with [DONE]', () => {
    expect(encodeTextChunk('two\nlines')).toBe('data: two\ndata: lines\n\n');
    expect(encodeTextChunk(' leading space')).toBe('data:  leading space\n\n');
    expect(encodeTextStream(['Hel', 'lo'], { lineEnding: '\r\n' })).toBe(
      'data: Hel\r\n\r\ndata: lo\r\n\r\ndata: [DONE]\r\n\r\n',
    );
  });

  it.each(['basic', 'longAnswer', 'webSearch', 'unicode', 'thinking'] as const)(
    '%s joins back to expectedText',
    async (name) => {
      const scenario = contentScenarios[name];
      for (const chunks of Object.values(chunkings)) {
        const messages = await readSSE(
          createMockStream(scenario, { protocol: 'text', timing: 'instant', chunks }),
        );
        expect(messages.at(-1)?.data).toBe('[DONE]');
        expect(
          messages
            .slice(0, -1)
            .map((message) => message.data)
            .join(''),
        ).toBe(scenario.expectedText);
      }
    },
  );

  it('never sends [DONE] when the message did not complete', async () => {
    for (const scenario of [faultScenarios.overloadedMidStream, faultScenarios.noMessageStop]) {
      const messages = await readSSE(createMockStream(scenario, { protocol: 'text', timing: 'instant' }));
      expect(messages.map((message) => message.data)).not.toContain('[DONE]');
      expect(messages.map((message) => message.data).join('')).toBe(scenario.expectedText);
    }
  });
});
