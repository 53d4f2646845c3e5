// Scripts written right to left that a model answers in.
const RIGHT_TO_LEFT =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/**
 * The direction of a block from its first letter, as `dir="auto"` decides it; undefined when it has
 * no letter (it then follows the page). Computed from the markdown source because `dir="auto"` on a
 * list or quote skips children that carry `dir` themselves and so misses their text.
 */
export function directionOf(source: string): 'rtl' | 'ltr' | undefined {
  const letter = LETTER.exec(source)?.[0];
  if (letter === undefined) return undefined;
  return RIGHT_TO_LEFT.test(letter) ? 'rtl' : 'ltr';
}
