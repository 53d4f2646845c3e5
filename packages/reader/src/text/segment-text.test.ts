import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

describe('segmentText', () => {
  it('releases whole sentences as soon as the next one begins, and the remainder at the end', async () => {
    const sentences = await collect(['Hello the', 're. How are', ' you? I am', ' fine'], 'sentence', 'en');
    expect(sentences).toEqual(['Hello there. ', 'How are you? ', 'I am fine']);
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
});
