import { dropOpenBracket, dropOpenLink } from './open-link.ts';

const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/m;
const TRAILING_MARKERS = /(^|[\s([{])[*_~`]+$/;
const TABLE_START = /^\s{0,3}\|/;
// Only pipes, colons, dashes and spaces. (Written as `^\s*\|?(?:\s*:?-*:?\s*\|?)*\s*$`, the same
// language, it took exponential time to refuse a line of spaces ending in another character.)
const PARTIAL_DELIMITER = /^[\s|:-]*$/;

const isSpace = (char: string | undefined): boolean => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Closes inline code and emphasis left open at the end of `text`, in the reverse order they opened. */
function closeInline(text: string): string {
  const open: string[] = [];
  let code = '';
  for (let index = 0; index < text.length;) {
    const char = text[index] as string;
    if (char === '\\' && code === '') {
      index += 2;
      continue;
    }
    let end = index;
    while (text[end] === char) end++;
    const run = text.slice(index, end);
    if (char === '`') {
      if (code === '') code = run;
      else if (run === code) code = '';
    } else if (code === '' && (char === '*' || char === '_' || char === '~')) {
      const before = text[index - 1];
      const after = text[end];
      const lineStart = before === undefined || before === '\n';
      const bullet = char === '*' && run.length === 1 && lineStart && (after === ' ' || after === '\t');
      const marker = char === '~' ? (run.length >= 2 ? '~~' : '') : run.length > 3 ? '' : run;
      if (!bullet && marker !== '') {
        if (open.at(-1) === marker && !isSpace(before)) open.pop();
        // Only a run after a space or punctuation opens: `2*3` and `snake_case` stay as written.
        else if (!isSpace(after) && !isWordChar(before)) open.push(marker);
      }
    }
    index = end;
  }
  const closers = (code === '' ? '' : code) + open.toReversed().join('');
  if (closers === '') return text;
  if (code !== '') return text + closers;
  let trimmed = text.trimEnd();
  // Half of the closer is written (`**bold*`, `~~gone~`): the whole one replaces it.
  const innermost = open.at(-1)!;
  const partial = /[*_~]+$/.exec(trimmed)?.[0];
  if (partial && partial[0] === innermost[0] && partial.length < innermost.length) {
    trimmed = trimmed.slice(0, -partial.length);
  }
  return trimmed + closers + text.slice(text.trimEnd().length);
}

/** A table's header row as written so far, and a delimiter row to match: a table with no body. */
function tableHead(header: string): string | undefined {
  const cells = header.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
  if (!cells.some((cell) => cell.trim() !== '')) return undefined;
  return `|${cells.map(repairInline).join('|')}|\n|${' --- |'.repeat(cells.length)}\n`;
}

/**
 * A table being written, as a table at each step: its header row (alone, or with its delimiter row
 * half typed) with an empty body, then its rows, the last one repaired as inline text. Undefined
 * for text that is no table (a second line that is no delimiter row).
 */
function repairTable(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [header = '', delimiter] = lines;
  if (!TABLE_START.test(header)) return undefined;
  if (delimiter === undefined) return tableHead(header);
  if (!PARTIAL_DELIMITER.test(delimiter)) return undefined;
  if (lines.length === 2) {
    // Only the delimiter row's first pipe so far, or some of its dashes.
    return delimiter.includes('-') || /^\s*\|\s*$/.test(delimiter) ? tableHead(header) : undefined;
  }
  if (!delimiter.includes('-')) return undefined;
  lines.push(repairInline(lines.pop()!));
  return `${lines.join('\n')}\n`;
}

/** Inline syntax left open at the end of `text`: a trailing marker hidden, a link's text, code and emphasis closed. */
function repairInline(text: string): string {
  const core = text.trimEnd();
  const repaired = dropOpenBracket(dropOpenLink(core.replace(TRAILING_MARKERS, '$1')));
  return closeInline(repaired) + text.slice(core.length);
}

/**
 * Rewrites the markdown of the block still being streamed so it does not flash raw syntax: a
 * trailing marker with nothing after it is hidden, unclosed inline code and emphasis are closed, a
 * half-written link shows its text, and a table shows as one from its header row on, its last row
 * repaired the same way. In a code block only a closing fence being typed is left out. Used only for the open block
 * mid-stream; the final render always uses the text as written.
 */
export function repairOpenBlock(text: string): string {
  // In a code block, a closing fence being typed is no line of code.
  if (FENCE_LINE.test(text)) return text.replace(/\n {0,3}(?:`+|~+)$/, '\n');
  return repairTable(text) ?? repairInline(text);
}
