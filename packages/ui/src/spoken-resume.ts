/**
 * Where reading an answer goes on when its spoken text changed other than by growing (carried on
 * after its end, passed back shorter): at `from`, or where the two readings part if that comes first.
 *
 * @example
 * queued = readOnAt(lastSpoken, spoken, resumeAt);
 */
export function readOnAt(before: string, after: string, from: number): number {
  let same = 0;
  while (same < from && same < after.length && after[same] === before[same]) same += 1;
  return same;
}

/**
 * Whether `sentence` ends as a sentence does (a closing quote or bracket may follow its full stop)
 * or ends its line: one that does not was cut, and is said again whole when the answer goes on.
 */
export const endsWhole = (sentence: string): boolean =>
  /(\p{Sentence_Terminal}[\p{Pf}\p{Pe}"']*\s*|\n\s*)$/u.test(sentence);
