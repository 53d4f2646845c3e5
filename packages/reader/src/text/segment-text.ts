import { checkOneOf } from '../check-options.ts';

/** How {@link segmentText} groups text. */
export type TextGranularity = 'sentence' | 'word' | 'line';

/** How much of a long unfinished segment is segmented again with each delta. */
const CONTEXT = 256;
/** How far into that text a boundary must lie to be trusted (the segmenter's look-behind is shorter). */
const LOOK_BEHIND = 64;

/**
 * Regroups a stream of text deltas into whole sentences, words or lines — for speech,
 * screen-reader announcements or a calmer reveal. Uses `Intl.Segmenter` (so CJK sentences and
 * emoji sequences stay whole); a segment is released once text after it has arrived (a sentence
 * that ends its line, at once), and the remainder at the end. Joining every yielded piece gives back exactly the input; lines keep
 * their `\n`, words keep the whitespace segments between them. The work stays linear in the text:
 * a segment that runs on (a code block has no sentence end) is only segmented again over its last
 * few hundred characters.
 *
 * @example
 * for await (const sentence of segmentText(stream.textStream, 'sentence')) announce(sentence);
 */
export function segmentText(
  text: AsyncIterable<string>,
  granularity: TextGranularity,
  locale?: string | string[],
): AsyncGenerator<string, void, undefined> {
  checkOneOf('granularity', granularity, ['sentence', 'word', 'line']);
  if (typeof (text as Partial<AsyncIterable<string>> | null)?.[Symbol.asyncIterator] !== 'function') {
    throw new TypeError('segmentText reads an async iterable of text');
  }
  // Made here, so a bad locale throws now rather than at the first read.
  const split = granularity === 'line' ? splitLines : segmenterSplit(granularity, locale);
  // Line ends need no context; the segmenter's rules look back a few characters.
  return segments(text, split, granularity === 'line' ? 0 : LOOK_BEHIND);
}

async function* segments(
  text: AsyncIterable<string>,
  split: Split,
  lookBehind: number,
): AsyncGenerator<string, void, undefined> {
  // The current segment is `settled + pending`: only `pending` is segmented again on each delta.
  let settled = '';
  let pending = '';
  for await (const delta of text) {
    if (!delta) continue;
    const pieces = split(pending + delta);
    // The last piece may still grow (a sentence without its end, half a word or emoji sequence).
    let rest = pieces.pop()!;
    // The segmenter takes the start of its input for a boundary: a boundary just after it, when
    // settled text comes before, was found without look-behind and is not trusted.
    if (settled && pieces[0] !== undefined && pieces[0].length < lookBehind) {
      const first = pieces.shift()!;
      if (pieces[0] === undefined) rest = first + rest;
      else pieces[0] = first + pieces[0];
    }
    if (pieces[0] !== undefined) {
      pieces[0] = settled + pieces[0];
      settled = '';
      yield* pieces;
    }
    pending = rest;
    // A segment that never ends (a code block has no sentence end) would otherwise be segmented
    // again in full on every delta: quadratic. Set all but its last CONTEXT characters aside.
    if (pending.length > 2 * CONTEXT) {
      settled += pending.slice(0, -CONTEXT);
      pending = pending.slice(-CONTEXT);
    }
  }
  if (settled || pending) yield settled + pending;
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
  return (text) => {
    const pieces = Array.from(segmenter.segment(text), (part) => part.segment);
    // A line break always ends a sentence (UAX #29, SB4): one ending here is whole already.
    if (granularity === 'sentence' && text.endsWith('\n')) pieces.push('');
    return pieces;
  };
}
