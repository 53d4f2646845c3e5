import { english, type Translate } from './labels.tsx';
import { LINE_START, readProse, type ProseCheckpoint } from './spoken-prose.ts';
import { isTableRow, spokenTableRow } from './spoken-table.ts';

/**
 * Says what a fenced code block holds, for listeners: its info word (usually a language) and length,
 * in the words of `t` (the app's labels).
 */
export type DescribeCode = (language: string | undefined, lines: number, t: Translate) => string;

/**
 * The default {@link DescribeCode}: "Code block in python, 12 lines.", in the words of `t` (default
 * English).
 *
 * @example
 * describeCode('python', 12); // 'Code block in python, 12 lines.'
 */
export const describeCode = (language: string | undefined, lines: number, t: Translate = english): string =>
  language
    ? lines === 1
      ? t('Code block in {0}, 1 line.', language)
      : t('Code block in {0}, {1} lines.', language, lines)
    : lines === 1
      ? t('Code block, 1 line.')
      : t('Code block, {0} lines.', lines);

/**
 * Turns a growing markdown answer into the text worth reading aloud (see {@link spokenText}).
 * Each call passes the whole answer so far; complete lines are read once, so a call costs the text
 * added since the last one. An answer carried on after it ended (Continue, Retry), or passed back
 * with its trailing white space gone or changed (a continuation is sent without it), is read again from its start:
 * the spoken text may then differ from the last before its end (a code block the end closed is
 * open again).
 */
export type SpokenTextReader = (markdown: string, ended: boolean) => string;

interface OpenFence {
  marker: string;
  language: string | undefined;
  lines: number;
}

// A fence: any indentation (code in nested list items is indented), a list marker or none
// (`1. ```js` opens a block inside the item), three or more backticks or tildes, then the info
// string. CommonMark allows no backtick in a backtick fence's info string.
const FENCE = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/;
// The start of a line that may still turn into a fence as more text arrives (blank so far included).
const MAYBE_FENCE = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:`|~|$)/;

function openFence(line: string): OpenFence | undefined {
  const match = FENCE.exec(line);
  if (!match) return undefined;
  const [, marker = '', info = ''] = match;
  if (marker.startsWith('`') && info.includes('`')) return undefined;
  return { marker, language: info.trim().split(/\s+/)[0] || undefined, lines: 0 };
}

function closes(line: string, fence: OpenFence): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.marker.length && trimmed === fence.marker[0]!.repeat(trimmed.length);
}

/**
 * Creates a {@link SpokenTextReader} for one answer; code blocks are described by `describe` in the
 * words of `t` (default English).
 *
 * @example
 * const read = createSpokenTextReader(describeCode, useLabels());
 */
export function createSpokenTextReader(
  describe: DescribeCode = describeCode,
  t: Translate = english,
): SpokenTextReader {
  let read = 0; // characters of `markdown` turned into `spoken`: whole lines, line breaks included
  let spoken = '';
  let fence: OpenFence | undefined;
  // How far the line after `read` was read as prose: it is read again only from there.
  let prose: ProseCheckpoint = LINE_START;
  let last = '';
  let over = false;

  /** What a complete `line` adds to the spoken text; moves in and out of code blocks. */
  function speakLine(line: string, ending: string): string {
    if (!fence) {
      const row = spokenTableRow(line);
      if (row !== undefined) return row && row + ending;
      fence = openFence(line);
      return fence ? '' : readProse(line, true, prose).spoken + ending;
    }
    if (!closes(line, fence)) {
      fence.lines++;
      return '';
    }
    const description = describe(fence.language, fence.lines, t) + ending;
    fence = undefined;
    return description;
  }

  return (markdown, ended) => {
    // The last text goes on, or lost its trailing white space (a continuation is sent back
    // without it) to something else: only that end is compared, so a call stays as cheap.
    let kept = last.length;
    while (kept > 0 && /\s/u.test(last[kept - 1]!)) kept -= 1;
    const grew = markdown.length >= last.length && markdown.startsWith(last.slice(kept), kept);
    if (!grew || (over && (!ended || markdown.length > last.length))) {
      read = 0;
      spoken = '';
      fence = undefined;
      prose = LINE_START;
    }
    last = markdown;
    over = ended;
    for (let end = markdown.indexOf('\n', read); end !== -1; end = markdown.indexOf('\n', read)) {
      spoken += speakLine(markdown.slice(read, end), '\n');
      read = end + 1;
      prose = LINE_START;
    }
    const rest = markdown.slice(read);
    if (ended) {
      // The last line, complete now, and a block the answer left open.
      if (rest !== '') spoken += speakLine(rest, '');
      if (fence) spoken += describe(fence.language, fence.lines, t);
      read = markdown.length;
      fence = undefined;
      prose = LINE_START;
      return spoken;
    }
    // A partial line is spoken as far as it came, unless it may still open or close a fence or is
    // a table row (whose cells are said apart once the row is whole).
    if (fence || MAYBE_FENCE.test(rest) || isTableRow(rest)) return spoken;
    prose = readProse(rest, false, prose);
    return spoken + prose.spoken;
  };
}

/**
 * The part of a markdown answer worth reading aloud: its prose without heading and list markers,
 * task boxes, link brackets and link targets (see `spokenProse`), a table row by row as its cells
 * joined by commas, without pipes or the delimiter row, and each fenced code block as one sentence
 * from `describe` in the words of `t` (default English) (a listener wants to know code is there, not
 * hear it symbol by symbol). While the answer streams (`ended` false) the result only ever grows by
 * appending: a block is described once its closing fence arrives, and a last line that could still
 * become a fence, or is a table row, waits for its line ending. Once ended, a block left open is
 * described too.
 *
 * @example
 * spokenText('Run this:\n```sh\nnpm test\n```\nDone.', true);
 * // 'Run this:\nCode block in sh, 1 line.\nDone.'
 */
export function spokenText(markdown: string, ended: boolean, describe?: DescribeCode, t?: Translate): string {
  return createSpokenTextReader(describe, t)(markdown, ended);
}

// Emphasis, strike-through and code-span markers: a whole run of `*`, `_`, `~` or backticks that
// opens (nothing word-like before it, text after) or closes (text before, nothing word-like after).
// Not the `*` of `2 * 3`, the `**` of `5 ** 2` nor the `_` of `snake_case`.
const EMPHASIS = /(?<![\p{L}\p{N}*_~`])[*_~`]+(?=[^\s*_~`])|(?<=[^\s*_~`])[*_~`]+(?![\p{L}\p{N}*_~`])/gu;

/**
 * A sentence of spoken text without emphasis, strike-through and code-span markers, which a voice
 * or a screen reader would read out as symbols ("star star"). Applied per sentence, once a
 * sentence is whole, since a marker's partner may arrive later.
 *
 * @example
 * withoutEmphasis('It is **not** `snake_case`: 2 * 3.'); // 'It is not snake_case: 2 * 3.'
 */
export function withoutEmphasis(sentence: string): string {
  // The look-behinds make the full pattern slow to scan; most sentences hold none of these characters.
  return /[*_~`]/.test(sentence) ? sentence.replaceAll(EMPHASIS, '') : sentence;
}
