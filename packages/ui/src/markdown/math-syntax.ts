import { Marked, type MarkedOptions, type TokenizerExtension, type TokenizerThis } from 'marked';
import { currentInline, type InlineReading } from './linear-lexer.ts';

/** A formula the lexer found: TeX between `$$ … $$` or `\[ … \]` (display) or `$ … $` or `\( … \)`. */
export interface MathToken {
  type: 'math';
  raw: string;
  /** The TeX, without its delimiters. */
  text: string;
  /** A block of its own (`$$` or `\[` on their own lines) rather than within a line. */
  display: boolean;
}

const BLOCK = /^ {0,3}(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/;

/** The `$$` or `\[` that opens a display formula at the start of a line (the opener captured). */
export const DISPLAY_OPENER: RegExp = /^ {0,3}(\$\$|\\\[)/m;
// `$…$` follows Pandoc: no space inside either dollar, and no digit right after the closing one,
// so "it costs $5 or $10" stays prose.
const INLINE =
  /^(?:\$\$(?!\$)([^\n]+?)\$\$|\\\(([^\n]+?)\\\)|\$(?![\s$])((?:\\.|[^\\$\n])*?[^\s\\$])\$(?!\d))/;
const INLINE_START = /\$|\\\(/;
const INLINE_STARTS = new RegExp(INLINE_START.source, 'g');

interface Found {
  /** Where the search started in the inline text. */
  from: number;
  /** Where the next formula may start at or after `from` (the text's length: nowhere). */
  at: number;
}

const found = new WeakMap<InlineReading, Found>();

/**
 * Where in `src` (the rest of the inline text `lexer` is reading) a formula may start. marked asks
 * before each run of text; searching the whole rest each time is quadratic in the paragraph (64 KB
 * of `_a_a…` took 0.77 s), so the last answer is kept and reused until the reading passes it.
 */
function inlineStart(this: TokenizerThis, src: string): number | undefined {
  const reading = currentInline(this.lexer);
  if (reading === undefined) return INLINE_START.exec(src)?.index;
  const { text } = reading;
  const position = text.length - src.length;
  let last = found.get(reading);
  if (last === undefined || position < last.from || position > last.at) {
    INLINE_STARTS.lastIndex = position;
    last = { from: position, at: INLINE_STARTS.exec(text)?.index ?? text.length };
    found.set(reading, last);
  }
  return last.at < text.length ? last.at - position : undefined;
}

const mathBlock: TokenizerExtension = {
  name: 'math',
  level: 'block',
  start: (src) => DISPLAY_OPENER.exec(src)?.index,
  tokenizer(src) {
    const match = BLOCK.exec(src);
    if (!match) return undefined;
    return { type: 'math', raw: match[0], text: (match[1] ?? match[2] ?? '').trim(), display: true };
  },
};

const mathInline: TokenizerExtension = {
  name: 'math',
  level: 'inline',
  start: inlineStart,
  tokenizer(src) {
    const match = INLINE.exec(src);
    if (!match) return undefined;
    return {
      type: 'math',
      raw: match[0],
      text: (match[1] ?? match[2] ?? match[3] ?? '').trim(),
      display: false,
    };
  },
};

let options: MarkedOptions | undefined;

/**
 * marked's lexer options with the math syntax on, made on first use (a module-level call would
 * stay in every bundle that imports the markdown entry, math or not).
 */
export function mathLexerOptions(): MarkedOptions {
  options ??= { ...new Marked({ extensions: [mathBlock, mathInline] }).defaults, gfm: true };
  return options;
}
