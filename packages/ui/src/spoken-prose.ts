// A line's marker: a heading's one to six `#` after up to three spaces, or a list item's bullet or
// number after any indentation (nested items are indented), then a space or the line's end (one
// space only: a marker that could still grow would move the checkpoint behind it).
const MARKER = /^(?: {0,3}#{1,6}|[ \t]*(?:[-*+]|\d{1,9}[.)]))(?:[ \t]|$)/;
// A quote's `>`, nested ones too: the screen reader would say "greater than".
const QUOTE = /^ {0,3}(?:>[ \t]*)+/;
// A thematic break (`---`, `* * *`): nothing to say.
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// The beginning of a line that may still turn out to be a marker or a break.
const MAYBE_MARKER = /^(?: {0,3}#{0,6}|[ \t]*(?:[-*+_](?:[ \t]*[-*_])*[ \t]*|\d{1,9}[.)]?)?)$/;
// A link reference definition (`[note]: https://… "title"`): not shown, so not said. Its whole
// shape: a line that only begins so (`[Note]: back up first.`) is a paragraph, shown and said.
const DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*(?:<[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
// A line that may still turn out to be one, while it streams: said once it is complete.
const MAYBE_DEFINITION = /^ {0,3}\[[^\]]*(?:\](?::.*)?)?$/;
// A task list item's box after its marker (`- [x] Done`): the rendered checkbox says its state.
const TASK_BOX = /^\[[ xX]\](?:[ \t]|$)/;
// The beginning of a list item's text that may still turn out to be a task box: none yet, too.
const MAYBE_TASK_BOX = /^(?:\[(?:[ xX]\]?)?)?$/;
// Where link syntax may start: brackets, and the `!` of an image.
const LINK_SYNTAX = /[[\]!]/g;

const UNDECIDED = -1;
const NOT_A_TARGET = -2;

/**
 * Where the link target starting at `from` (just after its `(`) ends: the index of its `)`,
 * {@link UNDECIDED} while the line may still complete it, or {@link NOT_A_TARGET}. Like CommonMark,
 * a target holds balanced parentheses (`Rust_(language)`), `\` escapes one character, and a space
 * may only be followed by a quoted or parenthesised title and the `)`: the words of a sentence
 * after a lone `](` show early that it was no link.
 */
function targetEnd(line: string, from: number): number {
  let depth = 0;
  for (let at = from; at < line.length; at++) {
    const char = line[at];
    if (char === '\\') at++;
    else if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) return at;
    else if (char === ' ' || char === '\t') return titleEnd(line, at);
  }
  return UNDECIDED;
}

const TITLE_CLOSE: Record<string, string> = { '"': '"', "'": "'", '(': ')' };

/** Where a target ends whose destination ended at the space at `from`: see {@link targetEnd}. */
function titleEnd(line: string, from: number): number {
  let at = from;
  while (line[at] === ' ' || line[at] === '\t') at++;
  if (at === line.length) return UNDECIDED;
  if (line[at] === ')') return at;
  const close = TITLE_CLOSE[line[at]!];
  if (close === undefined) return NOT_A_TARGET;
  for (at++; at < line.length && line[at] !== close; at++) if (line[at] === '\\') at++;
  at++;
  while (line[at] === ' ' || line[at] === '\t') at++;
  if (at >= line.length) return UNDECIDED;
  return line[at] === ')' ? at : NOT_A_TARGET;
}

/** How far a line was read: its spoken text up to `at`, where reading can go on with more of the line. */
export interface ProseCheckpoint {
  readonly at: number;
  readonly spoken: string;
}

/** The checkpoint of a line not read yet. */
export const LINE_START: ProseCheckpoint = { at: 0, spoken: '' };

/**
 * Reads a line of markdown prose as it should sound (see {@link spokenProse}), going on from
 * `from`, a checkpoint an earlier reading of a beginning of this same line returned. Returns the
 * next checkpoint: `spoken` is all the line says so far, and reading on from it once the line grew
 * costs only what arrived since.
 */
export function readProse(
  line: string,
  complete: boolean,
  from: ProseCheckpoint = LINE_START,
): ProseCheckpoint {
  let { at: next, spoken } = from;
  if (next === 0) {
    const quote = QUOTE.exec(line)?.[0].length ?? 0;
    const rest = line.slice(quote);
    if (complete ? BREAK.test(rest) : MAYBE_MARKER.test(rest)) return LINE_START;
    if (DEFINITION.test(rest) || (!complete && MAYBE_DEFINITION.test(rest))) return LINE_START;
    const marker = MARKER.exec(rest)?.[0];
    next = quote + (marker?.length ?? 0);
    if (marker && !marker.includes('#')) {
      const text = line.slice(next);
      if (!complete && MAYBE_TASK_BOX.test(text)) return LINE_START;
      next += TASK_BOX.exec(text)?.[0].length ?? 0;
    }
  }
  return readLinks(line, complete, next, spoken);
}

/** Reads on from `next`, after `spoken`: links and images by their text (see {@link readProse}). */
function readLinks(line: string, complete: boolean, next: number, spoken: string): ProseCheckpoint {
  LINK_SYNTAX.lastIndex = next;
  for (let match = LINK_SYNTAX.exec(line); match; match = LINK_SYNTAX.exec(line)) {
    const at = match.index;
    const char = line[at];
    const after = line[at + 1];
    spoken += line.slice(next, at);
    // A `!` or `]` ending a partial line is decided by the next character: wait for it.
    if (after === undefined && !complete && char !== '[') return { at, spoken };
    next = at + 1;
    if (char === '!') {
      // An image's text is read like a link's.
      if (after !== '[') spoken += '!';
    } else if (char === ']' && after === '(') {
      const close = targetEnd(line, at + 2);
      // Not known yet whether a target follows: wait, unless the line is complete (then it was none).
      if (close === UNDECIDED && !complete) return { at, spoken };
      if (close >= 0) {
        next = close + 1;
        LINK_SYNTAX.lastIndex = next;
      }
    }
  }
  spoken += line.slice(next);
  return { at: line.length, spoken };
}

/**
 * Inline markdown that starts no line (a table cell) as it should sound: links and images by their
 * text. A `#` or `2024.` at its start is what it says, not a marker.
 *
 * @example
 * spokenInline('2024. [Launch](https://example.com)'); // '2024. Launch'
 */
export const spokenInline = (text: string): string => readLinks(text, true, 0, '').spoken;

/**
 * A line of markdown prose as it should sound: without heading and list markers (an ordered item's
 * "3." would also be read as a sentence of its own), a task item's box, thematic breaks, link brackets and link
 * targets with their titles (a URL read aloud is noise; the link's text stays). Given only a line's beginning
 * (`complete` false), the result is a beginning of what the whole line gives, so a line can be
 * spoken while it streams.
 *
 * @example
 * spokenProse('## See [the docs](https://example.com/docs).', true); // 'See the docs.'
 */
export function spokenProse(line: string, complete: boolean): string {
  return readProse(line, complete).spoken;
}
