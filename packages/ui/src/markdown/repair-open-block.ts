import { dropOpenBracket, dropOpenLink } from './open-link.ts';

// A fence's line, also in a quote or a list item (`> ```sh`, `- ```sh`). Spaces only before each
// marker, so a line of markers is read one way (no backtracking between the two).
const FENCE_LINE = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)]))*[ \t]*(?:`{3,}|~{3,})/m;
// A closing fence being typed on the block's last line, with its quote or indentation.
const CLOSING_FENCE = /\n(?:[ \t]*>)*[ \t]*(?:`+|~+)$/;
const TRAILING_MARKERS = /(^|[\s([{])[*_~`]+$/;
// A table row as Claude writes one: a pipe, then a space (`|x| is` and `|| is` are prose).
const TABLE_START = /^\s{0,3}\|[ \t:-]/;
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
      const marker = char === '~' ? (run.length >= 2 ? '~~' : '') : run.length >= 3 ? '' : run;
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
  const trimmed = text.trimEnd();
  return trimmed + closers + text.slice(trimmed.length);
}

/** The cells of a table row, split at its pipes as marked splits them: at every one not escaped. */
function cellsOf(row: string): string[] {
  const cells = [''];
  for (let index = 0; index < row.length; index++) {
    const char = row[index] as string;
    if (char === '|') cells.push('');
    else cells[cells.length - 1] += char === '\\' ? row.slice(index, ++index + 1) : char;
  }
  return cells;
}

/** A table's header row as written so far, and a delimiter row to match: a table with no body. */
function tableHead(header: string): string | undefined {
  const cells = cellsOf(header.trim().replace(/^\|/, ''));
  if (cells.at(-1)?.trim() === '') cells.pop();
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
 * repaired the same way. In a block holding a code fence, only a closing fence being typed is left
 * out (no line of code). Used only for the open block
 * mid-stream; the final render always uses the text as written.
 */
export function repairOpenBlock(text: string): string {
  // A code block (in a list item or a quote too): only a closing fence being typed is left out.
  if (FENCE_LINE.test(text)) return text.replace(CLOSING_FENCE, '\n');
  return repairTable(text) ?? repairInline(text);
}

/**
 * The text of a code block still being written without a closing fence being typed on its last
 * line (a run of its fence's character shorter than the fence), which is no line of the code.
 */
export function withoutClosingFence(raw: string, text: string): string {
  // A line already ended is code (marked's text leaves out the last line break).
  if (raw.endsWith('\n')) return text;
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
  const end = text.lastIndexOf('\n');
  const run = /^ {0,3}(`+|~+)$/.exec(text.slice(end + 1))?.[1];
  return fence && run && run[0] === fence[0] && run.length < fence.length
    ? text.slice(0, Math.max(0, end))
    : text;
}
