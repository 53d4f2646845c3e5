import fc from 'fast-check';
import { readTextStream } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { createTextChunkEncoder } from './text-chunk-encoder.ts';
import { TEXT_DONE_EVENT } from './text-done.ts';

const decoder = new TextDecoder();

function encodeAll(pieces: readonly string[]): string {
  const encoder = createTextChunkEncoder();
  let out = '';
  for (const piece of pieces) {
    const bytes = encoder.encode(piece);
    if (bytes) out += decoder.decode(bytes);
  }
  return out + decoder.decode(TEXT_DONE_EVENT);
}

function toBody(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

/** Line breaks as SSE can carry them: `\r\n` and `\r` arrive as `\n`. */
const normalise = (text: string): string => text.replaceAll(/\r\n?/gu, '\n');

/** Text rich in line breaks, `[DONE]`, spaces and astral characters. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', ' ', ':', '[DONE]', 'data: ', '😀', 'é'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 40,
});

describe('createTextChunkEncoder', () => {
  it('writes one data line per line of text', () => {
    expect(encodeAll(['two\nlines', ' and a space'])).toBe(
      'data: two\ndata: lines\n\ndata:  and a space\n\ndata: [DONE]\n\n',
    );
  });

  it('keeps a CRLF split across two deltas one line break', () => {
    expect(encodeAll(['a\r', '\nb'])).toBe('data: a\ndata: \n\ndata: b\n\ndata: [DONE]\n\n');
  });

  it('never lets a delta of "[DONE]" end the stream', async () => {
    const text = await readTextStream(toBody(encodeAll(['[DONE]', '!']))).finalText();
    expect(text).toBe('[DONE]!');
  });

  it('round-trips any text, cut anywhere, through readTextStream (line breaks as \\n)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tricky, { maxLength: 8 }), async (pieces) => {
        const text = await readTextStream(toBody(encodeAll(pieces))).finalText();
        expect(text).toBe(normalise(pieces.join('')));
      }),
      { numRuns: 300 },
    );
  });
});
