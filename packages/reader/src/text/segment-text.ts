/** How {@link segmentText} groups text. */
export type TextGranularity = 'sentence' | 'word' | 'line';

/**
 * Regroups a stream of text deltas into whole sentences, words or lines — for speech,
 * screen-reader announcements or a calmer reveal. Uses `Intl.Segmenter` (so CJK sentences and
 * emoji sequences stay whole); a segment is released once text after it has arrived, and the
 * remainder at the end. Joining every yielded piece gives back exactly the input; lines keep
 * their `\n`, words keep the whitespace segments between them.
 *
 * @example
 * for await (const sentence of segmentText(stream.textStream, 'sentence')) announce(sentence);
 */
export async function* segmentText(
  text: AsyncIterable<string>,
  granularity: TextGranularity,
  locale?: string | string[],
): AsyncGenerator<string, void, undefined> {
  const split = granularity === 'line' ? splitLines : segmenterSplit(granularity, locale);
  let pending = '';
  for await (const delta of text) {
    if (!delta) continue;
    pending += delta;
    const { complete, rest } = split(pending);
    pending = rest;
    yield* complete;
  }
  if (pending) yield pending;
}

type Split = (text: string) => { complete: string[]; rest: string };

function splitLines(text: string): { complete: string[]; rest: string } {
  const complete: string[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    complete.push(text.slice(start, end + 1));
    start = end + 1;
  }
  return { complete, rest: text.slice(start) };
}

function segmenterSplit(granularity: 'sentence' | 'word', locale?: string | string[]): Split {
  const segmenter = new Intl.Segmenter(locale, { granularity });
  return (text) => {
    const segments = Array.from(segmenter.segment(text), (part) => part.segment);
    // The last segment may still grow (a sentence without its end, half a word or emoji sequence).
    const rest = segments.pop() ?? '';
    return { complete: segments, rest };
  };
}
