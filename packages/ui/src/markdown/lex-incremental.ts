import type { Links, Token, Tokens } from 'marked';
import { lexSafely } from './lex-safely.ts';

/** Completed blocks are frozen in groups of this many, so a re-render walks groups, not every block. */
export const GROUP_SIZE = 32;

/**
 * What {@link lexMarkdown} knows about a text: its completed top-level blocks (never lexed again
 * while the text only grows) and the open tail (the last block, lexed again on every update).
 */
export interface MarkdownLexState {
  /** The text this state describes, as given. */
  readonly source: string;
  /** Full groups of {@link GROUP_SIZE} completed blocks; a group never changes once full. */
  readonly groups: readonly (readonly Token[])[];
  /** Completed blocks after the full groups (fewer than {@link GROUP_SIZE}). */
  readonly pending: readonly Token[];
  /** The open tail: the last block and any blank lines after it. */
  readonly tail: readonly Token[];
  /** Where the tail starts in `source`. */
  readonly tailStart: number;
  /** Link reference definitions of the completed blocks. */
  readonly links: Links;
  /** The definitions the last lex saw (completed blocks and tail), to notice one arriving or changing. */
  readonly linkKey: string;
  /** Bumped on every full lex, so renderers keyed by raw text know their links may differ. */
  readonly epoch: number;
  /** Whether math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) was read as formulas. */
  readonly math: boolean;
}

const CR = /\r\n?/g;

/** Length in `source` (which may hold `\r\n` or `\r`) of its first `normalizedLength` normalised characters. */
function originalLength(source: string, normalizedLength: number): number {
  let index = 0;
  for (let count = 0; count < normalizedLength && index < source.length; count++) {
    index += source.charCodeAt(index) === 13 && source.charCodeAt(index + 1) === 10 ? 2 : 1;
  }
  return index;
}

/** Lexes one piece of markdown (a repaired open block) with the definitions known so far. */
export function lexBlock(text: string, links: Links, math = false): Token[] {
  return lexSafely(text, links, math).tokens;
}

function lastContentIndex(tokens: readonly Token[]): number {
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (tokens[index]?.type !== 'space') return index;
  }
  return -1;
}

/** Adds the definitions in `tokens` (nested ones too) to `links`, the first definition of a label winning. */
function collectDefinitions(tokens: readonly Token[], links: Links): Links {
  let result = links;
  for (const token of tokens as readonly Tokens.Generic[]) {
    if (token.type === 'def' && !Object.hasOwn(result, token['tag'])) {
      result = { ...result, [token['tag']]: { href: token['href'], title: token['title'] } };
    }
    if (token.tokens) result = collectDefinitions(token.tokens, result);
    if (Array.isArray(token['items'])) result = collectDefinitions(token['items'], result);
  }
  return result;
}

const EMPTY_LINKS: Links = Object.create(null) as Links;

function build(
  previous: MarkdownLexState | undefined,
  source: string,
  tailStart: number,
  epoch: number,
  math: boolean,
): MarkdownLexState {
  const slice = source.slice(tailStart);
  const hasCR = slice.includes('\r');
  const stableLinks = previous?.links ?? EMPTY_LINKS;
  const lexed = lexSafely(hasCR ? slice.replace(CR, '\n') : slice, stableLinks, math);
  const linkKey = JSON.stringify(lexed.links);
  // A definition that appears or changes can give meaning to `[x][label]` in any earlier block.
  if (previous !== undefined && tailStart > 0 && linkKey !== previous.linkKey) {
    return build(undefined, source, 0, epoch + 1, math);
  }
  const split = Math.max(0, lastContentIndex(lexed.tokens));
  const done = lexed.tokens.slice(0, split);
  const tail = lexed.tokens.slice(split);

  let doneLength = 0;
  for (const token of done) doneLength += token.raw.length;

  let groups = previous?.groups ?? [];
  let pending = previous?.pending ?? [];
  if (done.length > 0) {
    const all = [...pending, ...done];
    const full: (readonly Token[])[] = [];
    let start = 0;
    for (; all.length - start >= GROUP_SIZE; start += GROUP_SIZE)
      full.push(all.slice(start, start + GROUP_SIZE));
    if (full.length > 0) groups = [...groups, ...full];
    pending = all.slice(start);
  }
  return {
    source,
    groups,
    pending,
    tail,
    tailStart: tailStart + (hasCR ? originalLength(slice, doneLength) : doneLength),
    links: done.length > 0 ? collectDefinitions(done, stableLinks) : stableLinks,
    linkKey,
    epoch,
    math,
  };
}

/** Characters before the open tail compared on each update (a cheap guard against replaced text). */
const GUARD = 32;

/** True when `text` looks like `previous.source` plus more: the open tail and a few characters before it match. */
function extendsPrevious(previous: MarkdownLexState, text: string): boolean {
  const { source, tailStart } = previous;
  if (text.length < source.length) return false;
  const from = Math.max(0, tailStart - GUARD);
  return text.slice(from, source.length) === source.slice(from);
}

/**
 * Lexes `text` with marked, reusing `previous` when `text` extends `previous.source`: the completed
 * blocks are kept as they are (same token objects) and only the open tail is lexed again, from the
 * start of the last block, so the cost of an update does not grow with the text. Any other change,
 * or a link definition appearing or changing (it can affect earlier blocks), lexes the whole text;
 * the result always equals lexing `text` at once. To keep updates independent of the length, only
 * the open tail and the few characters before it are compared with `previous`: a text that replaces
 * completed blocks but keeps the tail and grows is not noticed (start from `undefined` for a new text).
 * With `math`, formulas are read as such (see `MathToken`). Never throws: a block marked cannot
 * read, or nested deeper than is drawn, becomes a paragraph of its source.
 */
export function lexMarkdown(
  previous: MarkdownLexState | undefined,
  text: string,
  math = false,
): MarkdownLexState {
  if (previous === undefined || previous.math !== math || !extendsPrevious(previous, text)) {
    return build(undefined, text, 0, (previous?.epoch ?? 0) + 1, math);
  }
  if (text.length === previous.source.length) return previous;
  return build(previous, text, previous.tailStart, previous.epoch, math);
}

/** Every top-level token of `state` in order (completed blocks, then the tail). */
export function allTokens(state: MarkdownLexState): Token[] {
  return [...state.groups.flat(), ...state.pending, ...state.tail];
}
