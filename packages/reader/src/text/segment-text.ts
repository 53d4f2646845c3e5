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
    const pieces = split(pending + delta);
    // The last piece may still grow (a sentence without its end, half a word or emoji sequence).
    pending = pieces.pop()!;
    yield* pieces;
  }
  if (pending) yield pending;
}

/** Cuts text into segments; the last one (possibly empty) is the part that may still grow. */
type Split = (text: string) => string[];

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const rest = lines.pop()!;
  return [...lines.map((line) => `${line}\n`), rest];
}

function segmenterSplit(granularity: 'sentence' | 'word', locale?: string | string[]): Split {
  const segmenter = new Intl.Segmenter(locale, { granularity });
  return (text) => Array.from(segmenter.segment(text), (part) => part.segment);
}
