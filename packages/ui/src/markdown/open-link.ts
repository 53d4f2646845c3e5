// Run on the whole open block, `(^|[^\\!\]])!?\[([^\]\n]*)\]\([^)\s]*$` (a link) and
// `(^|\s)!?\[([^\]\n]*)$` (a link's text) scanned from every `[` to the next `]`: quadratic in a
// line of `[`, seconds per token at 40 KB. These give the same results in one pass.
const OPEN_BRACKET = /(^|\s)!?\[([^\]\n]*)$/;
// Two characters at least, one a letter: `[x]` and `[ ]` are a task item's box, `[12]` and `[^1]`
// a note's number.
const CLOSED_BRACKET = /(^|\s)!?\[(?!\^)(?=[^[\]\n]{2})([^[\]\n]*\p{L}[^[\]\n]*)\]$/u;

/**
 * A half-written link at the end of `text`, `[words](partial-url`, becomes `words` (an image's `!`
 * and the URL dropped): the first `[` that may open a link (not after `\`, `]` or `!`, or after a
 * `!` that follows one of these) whose `](` is followed by no `)` nor space to the end.
 */
export function dropOpenLink(text: string): string {
  let url = text.length;
  while (url > 0 && !/[)\s]/.test(text[url - 1] as string)) url--;
  if (!text.includes('](', Math.max(0, url - 2))) return text;
  let open = -1;
  let keep = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '[' && keep === -1) {
      // Text is kept up to the `[`, or up to its `!`.
      const bang = text[at - 1] === '!' ? 1 : 0;
      keep = at - bang === 0 || !/[\\!\]]/.test(text[at - bang - 1] as string) ? at - bang : -1;
      open = at;
    } else if (char === ']' || char === '\n') {
      if (keep !== -1 && char === ']' && text[at + 1] === '(' && at + 2 >= url) {
        return text.slice(0, keep) + text.slice(open + 1, at);
      }
      keep = -1;
    }
  }
  return text;
}

/**
 * A link's text still arriving at the end of `text`, `[words` or `[words]` with nothing after it,
 * loses its brackets (and an image's `!`), when the `[` starts the text or follows a space.
 */
export function dropOpenBracket(text: string): string {
  // From just before the last `]` or line break: the pattern then fails at once wherever it cannot end.
  const from = Math.max(1, text.lastIndexOf(']'), text.lastIndexOf('\n')) - 1;
  const dropped = text.slice(0, from) + text.slice(from).replace(OPEN_BRACKET, '$1$2');
  if (dropped !== text || !text.endsWith(']')) return dropped;
  // `[words]` just closed, its `(` not come yet: as while it was open. From the last `[`, which
  // the `]` closes.
  const start = Math.max(0, text.lastIndexOf('[') - 2);
  return text.slice(0, start) + text.slice(start).replace(CLOSED_BRACKET, '$1$2');
}
