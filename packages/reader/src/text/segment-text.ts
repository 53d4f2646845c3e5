import { createTextJoiner } from '../anthropic/text-joiner.ts';
import { checkOneOf } from '../check-options.ts';
import { afterTextSoFar } from '../stream/after-text-so-far.ts';
import type { MessageStreamEvent } from '../types.ts';

/** How {@link segmentText} groups text. */
export type TextGranularity = 'sentence' | 'word' | 'line';

/** How much of a long unfinished segment is segmented again with each delta. */
const CONTEXT = 256;
/** How far into that text a boundary must lie to be trusted (the segmenter's look-behind is shorter). */
const LOOK_BEHIND = 64;

/**
 * Regroups a stream of text deltas into whole sentences, words or lines — for speech,
 * screen-reader announcements or a calmer reveal. Uses `Intl.Segmenter` (so CJK sentences and
 * emoji sequences stay whole). A segment is released once text after it settles its end: a letter
 * or a full stop after a sentence (before that, "e.g. 3" could still run on into "e.g. 3 apples"),
 * a second character after a word; a sentence that ends its line at once. The remainder comes at
 * the end, also when the text fails (the failure is thrown after it), but not after a stop (an
 * `AbortError`). Joining every yielded piece of a text read to its end gives back exactly the input; lines keep their `\n`, words keep the whitespace segments between
 * them. The work stays linear in the text: a segment that runs on (a code block has no sentence
 * end) is only segmented again over its last few hundred characters.
 *
 * Given a `MessageStream` (its events) rather than its `textStream`, it reads the text blocks and
 * also ends a segment where a block of another kind begins: the sentence before a web search or a
 * tool call is released then, not when the answer goes on after it. Begun after the stream did
 * (an `await` in between), it starts with the text that came before.
 *
 * @example
 * for await (const sentence of segmentText(stream, 'sentence')) speak(sentence);
 */
export function segmentText(
  text: AsyncIterable<string> | AsyncIterable<MessageStreamEvent>,
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
  return segments(
    afterTextSoFar<string | MessageStreamEvent>(text),
    split,
    granularity === 'line' ? 0 : LOOK_BEHIND,
    SETTLED_BY[granularity],
    granularity === 'sentence',
  );
}

/** Whether the text after a segment settles where that segment ends (the segmenter looks ahead). */
const SETTLED_BY: Record<TextGranularity, (after: string) => boolean> = {
  // UAX #29 SB8: after "e.g. " a lower-case letter, however far past digits and spaces, takes the
  // boundary back. A letter, a full stop or a paragraph break settles it; so does a line break
  // ending the text (the empty rest `segmenterSplit` adds).
  sentence: (after) => after === '' || /[\p{L}\p{Sentence_Terminal}\n\r\u0085\u2028\u2029]/u.test(after),
  // WB6/7, WB11/12: "can'" + "t", "3." + "1" join across one character; marks and format
  // characters in between do not count (WB4).
  word: (after) => /^[^]{2}/u.test(after.replaceAll(/[\p{M}\p{Cf}]/gu, '')),
  line: () => true,
};

async function* segments(
  source: AsyncIterable<string | MessageStreamEvent>,
  split: Split,
  lookBehind: number,
  settles: (after: string) => boolean,
  breakOnSegment: boolean,
): AsyncGenerator<string, void, undefined> {
  // The current segment is `settled + pending`: only `pending` is segmented again on each delta.
  let settled = '';
  let pending = '';
  // The segments join as finalText() joins the text: a blank line after a search (text came before
  // it), segmented as text for words and lines, and the start of the next sentence (which speech
  // passes over) rather than two sentences of nothing.
  const joiner = createTextJoiner();
  let prefix = '';
  function* emit(list: Iterable<string>): Generator<string, void, undefined> {
    for (const segment of list) {
      yield prefix + segment;
      prefix = '';
    }
  }
  try {
    for await (const item of source) {
      if (
        typeof item !== 'string' &&
        item.type === 'content_block_start' &&
        item.content_block.type !== 'text'
      ) {
        // A search or a tool call comes next: what the text said so far is whole.
        yield* emit(lastSegments(settled, pending, split, lookBehind));
        settled = pending = '';
        joiner.blockStart(item.content_block.type);
        continue;
      }
      const text = typeof item === 'string' ? item : textOf(item);
      if (!text) continue;
      const joined = joiner.text(text);
      // The break goes with the next sentence's first segment, or into the text for words and lines.
      // Kept until a segment takes it: the text after a search may come in deltas too small to end one.
      if (breakOnSegment) prefix += joined.slice(0, joined.length - text.length);
      const delta = breakOnSegment ? text : joined;
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
      // Nor is a boundary the text after it does not settle yet.
      if (pieces.length > 0 && !settles(rest)) rest = pieces.pop()! + rest;
      if (pieces[0] !== undefined) {
        pieces[0] = settled + pieces[0];
        settled = '';
        yield* emit(pieces);
      }
      pending = rest;
      // A segment that never ends (a code block has no sentence end) would otherwise be segmented
      // again in full on every delta: quadratic. Set all but its last CONTEXT characters aside.
      if (pending.length > 2 * CONTEXT) {
        settled += pending.slice(0, -CONTEXT);
        pending = pending.slice(-CONTEXT);
      }
    }
  } catch (error) {
    // Nothing received is lost: the remainder comes before the failure. Not after a stop, which
    // wants no more (a voice app would speak half a sentence over the person).
    if ((error as { name?: unknown } | null)?.name !== 'AbortError') {
      yield* emit(lastSegments(settled, pending, split, lookBehind));
    }
    throw error;
  }
  yield* emit(lastSegments(settled, pending, split, lookBehind));
}

/** The end of the text in whole segments: nothing after it can move where they end now. */
function lastSegments(settled: string, pending: string, split: Split, lookBehind: number): string[] {
  const pieces = split(pending).filter((piece) => piece !== '');
  if (settled && pieces.length > 1 && pieces[0]!.length < lookBehind) {
    pieces.splice(0, 2, pieces[0]! + pieces[1]!);
  }
  if (pieces[0] === undefined) return settled ? [settled] : [];
  pieces[0] = settled + pieces[0];
  return pieces;
}

function textOf(event: MessageStreamEvent): string | undefined {
  return event.type === 'content_block_delta' && event.delta.type === 'text_delta'
    ? event.delta.text
    : undefined;
}

/** Cuts text into segments; the last one (possibly empty) is the part that may still grow. */
type Split = (text: string) => string[];

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const rest = lines.pop()!;
  return [...lines.map((line) => `${line}\n`), rest];
}

function segmenterSplit(granularity: 'sentence' | 'word', locale?: string | string[]): Split {
  // Hermes (React Native) has none: "Intl.Segmenter is not a constructor" would not say what to do.
  if (typeof Intl.Segmenter !== 'function') {
    throw new TypeError('segmentText needs Intl.Segmenter (React Native: load @formatjs/intl-segmenter)');
  }
  const segmenter = new Intl.Segmenter(locale, { granularity });
  return (text) => {
    const pieces = Array.from(segmenter.segment(text), (part) => part.segment);
    // A line break always ends a sentence (UAX #29, SB4): one ending here is whole already.
    if (granularity === 'sentence' && text.endsWith('\n')) pieces.push('');
    return pieces;
  };
}
