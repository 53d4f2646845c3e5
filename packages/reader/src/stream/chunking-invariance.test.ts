import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSSE, transcripts } from '../test/transcripts.ts';
import type { MessageStreamEvent } from '../types.ts';
import { readMessageStream } from './read-message-stream.ts';

/** A body that delivers `bytes` cut at `cuts` (sorted byte offsets). */
function chunked(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const bounds = [0, ...cuts, bytes.length];
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= bounds.length - 1) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(bounds[i], bounds[i + 1]));
      i += 1;
    },
  });
}

async function readAll(
  body: ReadableStream<Uint8Array>,
): Promise<{ events: MessageStreamEvent[]; message: unknown }> {
  const stream = readMessageStream(body);
  const events: MessageStreamEvent[] = [];
  stream.on('streamEvent', (event) => events.push(event));
  const message = await stream.finalMessage();
  return { events, message };
}

const complete = Object.entries(transcripts).filter(([name]) => name !== 'midStreamError');

describe('chunking invariance', () => {
  for (const [name, transcript] of complete) {
    it(`${name}: any split of the bytes (inside code points, CR|LF, one byte per chunk) gives the same events and message`, async () => {
      const framings = ['\n', '\r\n', '\r'] as const;
      const expected = await readAll(chunked(new TextEncoder().encode(toSSE(transcript)), []));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...framings),
          fc.boolean(),
          fc.array(fc.nat(), { maxLength: 40 }),
          async (lineEnding, bom, rawCuts) => {
            const bytes = new TextEncoder().encode((bom ? '\uFEFF' : '') + toSSE(transcript, lineEnding));
            const cuts = [...new Set(rawCuts.map((cut) => 1 + (cut % (bytes.length - 1))))].toSorted(
              (a, b) => a - b,
            );
            const actual = await readAll(chunked(bytes, cuts));
            expect(actual.events).toEqual(expected.events);
            expect(actual.message).toEqual(expected.message);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('one byte per chunk gives the same message as one chunk', async () => {
    const bytes = new TextEncoder().encode(toSSE(transcripts['tools'] ?? [], '\r\n'));
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    const whole = await readAll(chunked(bytes, []));
    const single = await readAll(chunked(bytes, everyByte));
    expect(single).toEqual(whole);
  });
});
