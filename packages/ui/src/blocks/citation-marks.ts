/**
 * Where a text draws the citations of the text before it: U+241E (SYMBOL FOR RECORD SEPARATOR), then
 * a private-use character numbering the mark. The first is a symbol, which CommonMark counts as
 * punctuation, so an emphasis closed right before a mark still closes (`*it rained.*` + mark).
 */
export const CITATION_MARK = '\u241E';

const FIRST = 0xe000;
/** How many marks one text can hold (the private-use area of the Basic Multilingual Plane). */
export const MAX_CITATION_MARKS: number = 0xf8ff - FIRST + 1;

/** A mark with its number, or a mark whose number was cut off (a text revealed a character at a time). */
export const CITATION_MARKS: RegExp = /\u241E([\uE000-\uF8FF]?)/g;

/** The mark numbered `index`. */
export function citationMark(index: number): string {
  return CITATION_MARK + String.fromCharCode(FIRST + index);
}

/** The number of a mark matched by {@link CITATION_MARKS} (its first group), `undefined` if cut off. */
export function citationMarkIndex(numbering: string): number | undefined {
  return numbering ? numbering.charCodeAt(0) - FIRST : undefined;
}

/** Whole marks only: a U+241E of the text itself is kept. */
const WHOLE_MARKS = /\u241E[\uE000-\uF8FF]/g;

/** `text` without its marks, for what shows text as it is (code, a link's address). */
export function withoutCitationMarks(text: string): string {
  return text.includes(CITATION_MARK) ? text.replace(WHOLE_MARKS, '') : text;
}

/** The marks in `text`, in order, for drawing after what cannot hold them (a link). */
export function citationMarksIn(text: string): string {
  return text.includes(CITATION_MARK) ? (text.match(WHOLE_MARKS)?.join('') ?? '') : '';
}

// A last line whose end is markdown syntax: a code fence or `$$`, a setext underline or thematic
// break, a table row (text after its last pipe is dropped). A mark there would break the block.
const ENDS_IN_SYNTAX = /(?:^|\n) {0,3}(?:`{3,}|~{3,}|\$\$|=+|-+|(?:[*_-]\s*){3,})\s*$|\|[^\n]*$/;
// A bare URL runs on until a space: a mark right after one would join it.
const ENDS_IN_URL = /(?:https?:\/\/|www\.)\S*$/i;

/**
 * Where a mark goes after `text` (a cited passage without its trailing whitespace): right after it,
 * after a space when it ends in a bare URL, or nowhere when its last line ends in block syntax.
 */
export function markAfter(text: string): string | undefined {
  if (ENDS_IN_SYNTAX.test(text)) return undefined;
  return ENDS_IN_URL.test(text) ? ' ' : '';
}
