// A line's marker: up to three spaces, then a heading's one to six `#` or a list item's bullet or
// number, then a space or the line's end (one space only: a marker that could still grow would
// move the checkpoint behind it).
const MARKER = /^ {0,3}(?:#{1,6}|[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
// A thematic break (`---`, `* * *`): nothing to say.
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// The beginning of a line that may still turn out to be a marker or a break.
const MAYBE_MARKER = /^ {0,3}(?:#{0,6}|[-*+_](?:[ \t]*[-*_])*[ \t]*|\d{1,9}[.)]?)$/;
// Where link syntax may start: brackets, and the `!` of an image.
const LINK_SYNTAX = /[[\]!]/g;

/** How far a line was read: its spoken text up to `at`, where reading can go on with more of the line. */
export interface ProseCheckpoint {
  readonly at: number;
  readonly spoken: string;
}

/** What {@link readProse} found: the line's spoken text, and where to go on once the line grew. */
export interface ProseReading {
  readonly spoken: string;
  readonly checkpoint: ProseCheckpoint;
}

/** The checkpoint of a line not read yet. */
export const LINE_START: ProseCheckpoint = { at: 0, spoken: '' };

/**
 * Reads a line of markdown prose as it should sound (see {@link spokenProse}), going on from
 * `from`, a checkpoint an earlier reading of a beginning of this same line returned. Reading a
 * streaming line from its last checkpoint costs only what arrived since.
 */
export function readProse(line: string, complete: boolean, from: ProseCheckpoint = LINE_START): ProseReading {
  let { at: next, spoken } = from;
  if (next === 0) {
    if (complete ? BREAK.test(line) : MAYBE_MARKER.test(line)) return { spoken: '', checkpoint: LINE_START };
    next = MARKER.exec(line)?.[0].length ?? 0;
  }
  LINK_SYNTAX.lastIndex = next;
  for (let match = LINK_SYNTAX.exec(line); match; match = LINK_SYNTAX.exec(line)) {
    const at = match.index;
    const char = line[at];
    const after = line[at + 1];
    spoken += line.slice(next, at);
    // A `!` or `]` ending a partial line is decided by the next character: wait for it.
    if (after === undefined && !complete && char !== '[') return { spoken, checkpoint: { at, spoken } };
    next = at + 1;
    if (char === '!') {
      // An image's text is read like a link's.
      if (after !== '[') spoken += '!';
    } else if (char === ']' && after === '(') {
      const close = line.indexOf(')', at + 2);
      if (close === -1) {
        // No end of the target yet: wait for it, or, once the line is complete, it was no target.
        if (complete) return { spoken: spoken + line.slice(at + 1), checkpoint: LINE_START };
        return { spoken, checkpoint: { at, spoken } };
      }
      next = close + 1;
      LINK_SYNTAX.lastIndex = next;
    }
  }
  spoken += line.slice(next);
  return { spoken, checkpoint: { at: line.length, spoken } };
}

/**
 * A line of markdown prose as it should sound: without heading and list markers (an ordered item's
 * "3." would also be read as a sentence of its own), thematic breaks, link brackets and link
 * targets (a URL read aloud is noise; the link's text stays). Given only a line's beginning
 * (`complete` false), the result is a beginning of what the whole line gives, so a line can be
 * spoken while it streams.
 *
 * @example
 * spokenProse('## See [the docs](https://example.com/docs).', true); // 'See the docs.'
 */
export function spokenProse(line: string, complete: boolean): string {
  return readProse(line, complete).spoken;
}
