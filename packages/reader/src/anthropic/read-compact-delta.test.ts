import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCompactDelta } from './read-compact-delta.ts';

const textDelta = (text: string, index = 0) =>
  JSON.stringify({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });

/** JSON.parse's reading of `data`, or `undefined` when JSON.parse rejects it. */
function parsed(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

describe('readCompactDelta', () => {
  it('reads text and tool-input deltas exactly as JSON.parse does', () => {
    const toolDelta = JSON.stringify({
      type: 'content_block_delta',
      index: 12,
      delta: { type: 'input_json_delta', partial_json: '{"city": "Mün' },
    });
    for (const data of [
      textDelta('Hello'),
      textDelta(''),
      textDelta('a "quote"\n\t\\ 😀 \u2028'),
      toolDelta,
    ]) {
      expect(readCompactDelta(data)).toEqual(JSON.parse(data));
    }
  });

  it('decodes every JSON escape, \\u escapes and lone surrogates included', () => {
    const data = String.raw`{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00\ud800"}}`;
    expect(readCompactDelta(data)).toEqual(JSON.parse(data));
    expect(readCompactDelta(data)?.delta).toEqual({ type: 'text_delta', text: '"\\/\b\f\n\r\té😀\ud800' });
  });

  it.each([
    [
      'spaces between tokens',
      '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "x"}}',
    ],
    [
      'keys in another order',
      '{"index":0,"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}',
    ],
    [
      'an extra key after the text',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","b":"c"}}',
    ],
    [
      'other delta types',
      '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"x"}}',
    ],
    [
      'an index with a leading zero',
      '{"type":"content_block_delta","index":01,"delta":{"type":"text_delta","text":"x"}}',
    ],
    [
      'a fractional index',
      '{"type":"content_block_delta","index":1.5,"delta":{"type":"text_delta","text":"x"}}',
    ],
    [
      'a ten-digit index',
      '{"type":"content_block_delta","index":1234567890,"delta":{"type":"text_delta","text":"x"}}',
    ],
    [
      'a backslash escaping the closing quote',
      String.raw`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\"}}`,
    ],
    [
      'an unknown escape',
      String.raw`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\x41"}}`,
    ],
    [
      'a short \\u escape',
      String.raw`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\u12"}}`,
    ],
    [
      'a raw control character',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\u0001b"}}',
    ],
    ['trailing text', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}} '],
    [
      'a missing closing quote',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":}}',
    ],
    [
      'data cut after the opening quote',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"',
    ],
    [
      'data cut in the string',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel',
    ],
    [
      'data cut before the last brace',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}',
    ],
  ])('leaves %s to JSON.parse', (_name, data) => {
    expect(readCompactDelta(data)).toBeUndefined();
  });

  it('agrees with JSON.parse on any text the API could send', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(100_000), (text, index) => {
        const data = textDelta(text, index);
        expect(readCompactDelta(data)).toEqual(JSON.parse(data));
      }),
    );
  });

  it('reads only what JSON.parse reads the same way, whatever the string body holds', () => {
    const bodyPiece = fc.constantFrom(
      'a',
      'é',
      '"',
      '\\',
      '\\"',
      '\\u',
      '\\u00',
      '\\u0041',
      '\\n',
      '\\q',
      '\u0000',
      '}',
      ',"x":"',
    );
    fc.assert(
      fc.property(fc.array(bodyPiece, { maxLength: 12 }), (pieces) => {
        const data = `{"type":"content_block_delta","index":7,"delta":{"type":"input_json_delta","partial_json":"${pieces.join('')}"}}`;
        // What the reader does with it: the fast reading, or JSON.parse's when there is none.
        expect(readCompactDelta(data) ?? parsed(data)).toEqual(parsed(data));
      }),
    );
  });
});
