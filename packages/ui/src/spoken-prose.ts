// A heading's marker: up to three spaces, one to six `#`, then spaces or the line's end.
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
// The beginning of a line that may still turn out to be a heading's marker.
const MAYBE_HEADING = /^ {0,3}#{0,6}$/;
// Where link syntax may start: brackets, and the `!` of an image.
const LINK_SYNTAX = /[[\]!]/g;

/**
 * A line of markdown prose as it should sound: without a heading's `#` marker, link brackets and
 * link targets (a URL read aloud is noise; the link's text stays). Given only a line's beginning
 * (`complete` false), the result is a beginning of what the whole line gives, so a line can be
 * spoken while it streams.
 *
 * @example
 * spokenProse('## See [the docs](https://example.com/docs).', true); // 'See the docs.'
 */
export function spokenProse(line: string, complete: boolean): string {
  if (!complete && MAYBE_HEADING.test(line)) return '';
  let from = HEADING.exec(line)?.[0].length ?? 0;
  let spoken = '';
  LINK_SYNTAX.lastIndex = from;
  for (let match = LINK_SYNTAX.exec(line); match; match = LINK_SYNTAX.exec(line)) {
    const at = match.index;
    spoken += line.slice(from, at);
    from = at + 1;
    if (line[at] === '!') {
      // An image's text is read like a link's; a `!` at the end of a partial line may be one.
      if (at + 1 === line.length && !complete) return spoken;
      if (line[at + 1] !== '[') spoken += '!';
    } else if (line[at] === ']' && line[at + 1] === '(') {
      const close = line.indexOf(')', at + 2);
      // No target end yet: wait for it, or, once the line is complete, it was no link target.
      if (close === -1) return complete ? spoken + line.slice(at + 1) : spoken;
      from = close + 1;
      LINK_SYNTAX.lastIndex = from;
    }
  }
  return spoken + line.slice(from);
}
