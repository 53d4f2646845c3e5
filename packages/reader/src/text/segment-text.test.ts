import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageStreamEvent } from '../types.ts';
import { segmentText } from './segment-text.ts';

async function* from(pieces: string[]): AsyncGenerator<string> {
  for (const piece of pieces) yield piece;
}

async function collect(
  pieces: string[],
  granularity: 'sentence' | 'word' | 'line',
  locale?: string,
): Promise<string[]> {
  const out: string[] = [];
  for await (const segment of segmentText(from(pieces), granularity, locale)) out.push(segment);
  return out;
}

/** `text` in `size`-character deltas. */
function deltasOf(text: string, size: number): string[] {
  return Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
    text.slice(i * size, (i + 1) * size),
  );
}

/** How `Intl.Segmenter` cuts the whole text at once. */
function wholeSegments(text: string, granularity: 'sentence' | 'word'): string[] {
  return Array.from(new Intl.Segmenter('en', { granularity }).segment(text), (part) => part.segment);
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Text, a web search, and text after it, as a MessageStream's events. */
async function* lookThenFind(): AsyncGenerator<MessageStreamEvent> {
  yield { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
  yield { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me look.' } };
  yield {
    type: 'content_block_start',
    index: 1,
    content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
  };
  yield { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } };
  yield { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Found it.\nDone' } };
}

describe('segmentText', () => {
  it('releases whole sentences as soon as the next one begins, and the remainder at the end', async () => {
    const sentences = await collect(['Hello the', 're. How are', ' you? I am', ' fine'], 'sentence', 'en');
    expect(sentences).toEqual(['Hello there. ', 'How are you? ', 'I am fine']);
  });

  it('releases a sentence that ends its line at once: nothing after a line break continues it', async () => {
    const deltas = ['Searching', ' now.\n'];
    const seen: string[] = [];
    const source = (async function* () {
      for (const delta of deltas) yield delta;
      // The next text is a long way off (a web search): the line's sentence must not wait for it.
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
      seen.push('more text');
      yield 'Found it.';
    })();
    for await (const sentence of segmentText(source, 'sentence', 'en')) seen.push(sentence);
    expect(seen).toEqual(['Searching now.\n', 'more text', 'Found it.']);
  });

  it('keeps CJK sentences and emoji sequences whole', async () => {
    const sentences = await collect(['你好。', '今天天气', '很好！', '👨‍👩‍👧 家族'], 'sentence', 'zh');
    expect(sentences).toEqual(['你好。', '今天天气很好！', '👨‍👩‍👧 家族']);
    const words = await collect(['I ❤', '️ 👨‍👩', '‍👧!'], 'word', 'en');
    expect(words).toContain('👨‍👩‍👧');
    expect(words.join('')).toBe('I ❤️ 👨‍👩‍👧!');
  });

  it('splits lines keeping their newline', async () => {
    expect(await collect(['a\nb', 'c\n\nd'], 'line')).toEqual(['a\n', 'bc\n', '\n', 'd']);
  });

  it('never loses or reorders text, whatever the deltas', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }),
        fc.constantFrom<'sentence' | 'word' | 'line'>('sentence', 'word', 'line'),
        async (pieces, granularity) => {
          expect((await collect(pieces, granularity)).join('')).toBe(pieces.join(''));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('cuts a sentence that runs for pages (a code block) where the whole text is cut, in linear work', async () => {
    const code = 'const value = object.field.method(arg) + other.x; '.repeat(2000);
    const text = `${code}. Then a new sentence. And the last`;
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const sentences = await collect(deltasOf(text, 8), 'sentence', 'en');
    const segmented = segment.mock.calls.reduce((sum, [input]) => sum + input.length, 0);
    expect(sentences).toEqual(wholeSegments(text, 'sentence'));
    expect(sentences[0]?.length).toBeGreaterThan(code.length);
    // Re-segmenting everything since the last boundary on each delta would be ~6,000 × the text.
    expect(segmented).toBeLessThan(100 * text.length);
  });

  it('keeps a base64 blob one word, and a long line one line', async () => {
    const blob = 'QUJD'.repeat(5000);
    expect(await collect(deltasOf(`see ${blob} here`, 7), 'word', 'en')).toEqual([
      'see',
      ' ',
      blob,
      ' ',
      'here',
    ]);
    const line = 'x'.repeat(20_000);
    expect(await collect(deltasOf(`${line}\nnext\nlast`, 9), 'line')).toEqual([
      `${line}\n`,
      'next\n',
      'last',
    ]);
  });

  it('cuts the text where the segmenter cuts it whole, wherever the deltas fall (abbreviations, decimals)', async () => {
    const pool = [
      'See e.g. 3 apples. ',
      'It costs 3. 14 people came. ',
      'Dr. Smith arrived at 3.14 p.m. ',
      'Really?! ',
      '"Yes." ',
      'Wait... ',
      '(A note.) ',
      'The U.S. flag. ',
      '你好。',
      '本当？」と聞いた。',
      'Line one\n',
      '1. First\n',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (parts, cuts) => {
          const text = parts.join('');
          const at = [...new Set(cuts.map((cut) => cut % text.length))].toSorted((a, b) => a - b);
          const deltas = [0, ...at].map((start, index) => text.slice(start, at[index] ?? text.length));
          const expected = Array.from(
            new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text),
            (part) => part.segment,
          );
          expect(await collect(deltas, 'sentence', 'en')).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a word whole that the next character joins: "can\'t", "3.14"', async () => {
    expect(await collect(['I can', "'", 't pay 3', '.', '14 now'], 'word', 'en')).toEqual(
      wholeSegments("I can't pay 3.14 now", 'word'),
    );
    // A combining mark in between does not count as the character that settles it.
    expect(await collect(['can', "'\u0301", 't go'], 'word', 'en')).toEqual(
      wholeSegments("can'\u0301t go", 'word'),
    );
  });

  it('gives the remainder before the failure of the text, so nothing received is lost', async () => {
    const failing = (async function* () {
      yield 'One whole sentence. And half';
      throw new Error('connection lost');
    })();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const sentence of segmentText(failing, 'sentence', 'en')) seen.push(sentence);
      })(),
    ).rejects.toThrow('connection lost');
    expect(seen).toEqual(['One whole sentence. ', 'And half']);
  });

  it('gives no half sentence after a stop: the reader wants no more', async () => {
    const stopped = (async function* () {
      yield 'One whole sentence. And half';
      throw Object.assign(new Error('The stream was aborted'), { name: 'AbortError' });
    })();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const sentence of segmentText(stopped, 'sentence', 'en')) seen.push(sentence);
      })(),
    ).rejects.toThrow('aborted');
    expect(seen).toEqual(['One whole sentence. ']);
  });

  it('segments the blank line after a search as text, in words and lines: they join as finalText() does', async () => {
    const lines: string[] = [];
    for await (const line of segmentText(lookThenFind(), 'line')) lines.push(line);
    expect(lines).toEqual(['Let me look.', '\n', '\n', 'Found it.\n', 'Done']);
    const words: string[] = [];
    for await (const word of segmentText(lookThenFind(), 'word', 'en')) words.push(word);
    expect(words.join('')).toBe('Let me look.\n\nFound it.\nDone');
    expect(words).toContain('Found');
  });

  it("reads a MessageStream's events: its text, a sentence released where a search or tool call begins", async () => {
    const seen: string[] = [];
    const events = (async function* (): AsyncGenerator<MessageStreamEvent> {
      yield { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
      yield { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'I will search' } };
      yield { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' for that' } };
      yield { type: 'content_block_stop', index: 0 };
      yield {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      };
      // The search takes seconds: the sentence before it must not wait for the answer after it.
      seen.push('searching');
      yield { type: 'content_block_stop', index: 1 };
      yield { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } };
      yield { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Found it. Done' } };
      yield { type: 'content_block_stop', index: 2 };
    })();
    for await (const sentence of segmentText(events, 'sentence', 'en')) seen.push(sentence);
    // The first sentence after the search starts a new paragraph: the segments join as finalText() does.
    expect(seen).toEqual(['I will search for that', 'searching', '\n\nFound it. ', 'Done']);
  });
});
