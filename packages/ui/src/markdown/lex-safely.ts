import type { Links, Token } from 'marked';
import { createLinearLexer } from './linear-lexer.ts';
import { mathLexerOptions } from './math-syntax.ts';

/** The tokens of a piece of markdown and the link definitions known after it. */
export interface Lexed {
  tokens: Token[];
  links: Links;
}

// A line that opens more quotes and list items than are drawn (`MAX_NESTING`, 32). marked's lexer
// recurses once per level and reads the rest of the line again at each: time grows as depth ×
// length, and a few thousand levels (a few KB of `> > > …`) overflow the stack. Or a list item
// indented as one 33 lists deep (two columns a level at least) under another item indented 32
// deep: each item a level deeper than the last costs marked the rest of the list again at every
// level (600 of them, 353 KB, took minutes). Two such lines in a row, not one deeply indented
// line of code.
const TOO_DEEP =
  /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])[ \t])){33}|^(?:\t| {2}){32}[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t].*\n(?:\t| {2}){33}[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/m;
// After blank lines, before the next line with text: between blocks, give or take a loose list
// or a code block with blank lines.
const BLOCKS = /(?<=\n[ \t]*\n)(?=[ \t]*\S)/;

function lexWithMarked(text: string, links: Links, math: boolean): Lexed {
  const lexer = createLinearLexer(math ? mathLexerOptions() : {});
  Object.assign(lexer.tokens.links, links);
  const tokens = lexer.lex(text);
  return { tokens: [...tokens], links: lexer.tokens.links };
}

/**
 * Lexes `text` with marked, `links` being the definitions known before it. Never throws: when
 * marked cannot read it (a stack overflow on nesting thousands deep) or a line nests deeper than
 * is drawn, each block (cut at blank lines) is lexed on its own, and one that still fails or nests
 * too deep becomes a paragraph of its source.
 */
export function lexSafely(text: string, links: Links, math: boolean): Lexed {
  if (!TOO_DEEP.test(text)) {
    try {
      return lexWithMarked(text, links, math);
    } catch {
      // Read block by block below.
    }
  }
  const blocks = text.split(BLOCKS);
  const tokens: Token[] = [];
  let known = links;
  for (const raw of blocks) {
    let lexed: Lexed | undefined;
    // A single block already failed above.
    if (blocks.length > 1 && !TOO_DEEP.test(raw)) {
      try {
        lexed = lexWithMarked(raw, known, math);
      } catch {
        lexed = undefined;
      }
    }
    if (lexed === undefined) {
      const source = raw.trim();
      tokens.push({
        type: 'paragraph',
        raw,
        text: source,
        tokens: [{ type: 'text', raw: source, text: source }],
      });
    } else {
      tokens.push(...lexed.tokens);
      known = lexed.links;
    }
  }
  return { tokens, links: known };
}
