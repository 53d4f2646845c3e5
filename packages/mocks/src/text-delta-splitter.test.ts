import fc from 'fast-check';
import { readTextStream } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { encodeTextStream } from './encode-text.ts';
import { createMockResponse } from './mock-response.ts';
import type { ByteChunking } from './plan-response.ts';
import { planResponse } from './plan-response.ts';
import { createTextDeltaSplitter } from './text-delta-splitter.ts';

/** Line breaks as SSE can carry them: `\r\n` and `\r` arrive as `\n`. */
const normalise = (text: string): string => text.replaceAll(/\r\n?/gu, '\n');

/** What a client of the text protocol reads from a mock serving `pieces` as the deltas of one block. */
function readPieces(pieces: readonly string[], chunks: ByteChunking = 'event'): Promise<string> {
  const served = scenario('pieces')
    .text(pieces.join(''), { chunking: [...pieces] })
    .stop('end_turn');
  const response = createMockResponse(served, { protocol: 'text', timing: 'instant', chunks });
  return readTextStream(response).finalText();
}

/** Text rich in line breaks, `[DONE]`, spaces and astral characters, cut into deltas. */
const piece = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', ' ', '[DONE]', 'data: ', '😀'),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
  ),
  minLength: 1,
  maxLength: 12,
});

describe('createTextDeltaSplitter', () => {
  it('cuts deltas into events as the relay does', () => {
    const split = createTextDeltaSplitter();
    expect([split('a\r'), split('\nb'), split('[DONE]'), split(''), split('c\r\nd\re')]).toEqual([
      ['a\n'],
      ['b'],
      ['[DON', 'E]'],
      [],
      ['c\nd\ne'],
    ]);
    expect(createTextDeltaSplitter()('\n')).toEqual(['\n']);
  });
});

describe('the plain-text protocol, read by readTextStream', () => {
  it('never lets a delta of "[DONE]" end the stream', async () => {
    expect(await readPieces(['x', '[DONE]', 'y'])).toBe('x[DONE]y');
    expect(await readTextStream(new Blob([encodeTextStream(['[DONE]', '!'])]).stream()).finalText()).toBe(
      '[DONE]!',
    );
  });

  it('keeps a CRLF split across two deltas one line break', async () => {
    expect(await readPieces(['a\r', '\nb'])).toBe('a\nb');
    expect(encodeTextStream(['a\r', '\nb'])).toBe('data: a\ndata: \n\ndata: b\n\ndata: [DONE]\n\n');
  });

  it('reads back any text, cut into any deltas and any chunks, with line breaks as \\n (fast-check)', async () => {
    const chunkings: ByteChunking[] = ['event', 1, { min: 1, max: 9 }];
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), async (pieces) => {
        for (const chunks of chunkings) {
          expect(await readPieces(pieces, chunks)).toBe(normalise(pieces.join('')));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sends the two events of a "[DONE]" delta together, with no delay between them', () => {
    const served = scenario('done')
      .text('x[DONE]', { chunking: ['x', '[DONE]'] })
      .stop('end_turn');
    const timing = { timeToFirstToken: 100, tokensPerSecond: 10, jitter: 0 };
    const { chunks } = planResponse(served, { protocol: 'text', timing });
    const decoder = new TextDecoder();
    expect(chunks.map((chunk) => [chunk.delay, decoder.decode(chunk.bytes)])).toEqual([
      [100, 'data: x\n\n'],
      [100, 'data: [DON\n\n'],
      [0, 'data: E]\n\n'],
      [0, 'data: [DONE]\n\n'],
    ]);
  });
});
