import { Lexer, Tokenizer, type MarkedOptions, type Rules, type Token, type Tokens } from 'marked';
import { EmphasisClosers, type Delimiter } from './emphasis-closers.ts';
import { MAX_NESTING } from './nesting.ts';

/** The longest local part (before the `@`) of an address that becomes a `mailto:` link. */
export const MAX_EMAIL_LOCAL_PART = 64;

// GFM links an address written without `<…>`. To find one, marked's `text` and `url` rules look
// ahead over the run of address characters for an `@`, at every inline token. `_` and `*` are
// address characters, so in `_a_a_a…` each token reads the rest of the paragraph again: 32 KB of
// it took marked 2.2 s, quadratic in the paragraph. Bounding the run by the 64 characters RFC 5321
// allows a local part makes each look-ahead constant. The one change in output: an address whose
// local part is longer than 64 characters is not linked.
const UNBOUNDED_RUN_BEFORE_AT = /\]\+(?=\(?(?:\?=)?@)/g;

function bounded(rule: RegExp): RegExp {
  const source = rule.source.replace(UNBOUNDED_RUN_BEFORE_AT, `]{1,${MAX_EMAIL_LOCAL_PART}}`);
  return source === rule.source ? rule : new RegExp(source, rule.flags);
}

let gfmInline: Rules['inline'] | undefined;

/** marked's GFM inline rules with every look-ahead for an `@` bounded (made on first use). */
export function linearInlineRules(): Rules['inline'] {
  if (gfmInline === undefined) {
    const rules = { ...Lexer.rules.inline.gfm };
    for (const key of ['text', 'url', 'autolink'] as const) rules[key] = bounded(rules[key]);
    gfmInline = rules;
  }
  return gfmInline;
}

/** marked's tokenizer, but an emphasis or strike-through opener that nothing after it can close is text at once. */
class LinearTokenizer extends Tokenizer {
  // One entry per inline text lexed (a paragraph, a cell, an emphasis's content).
  readonly #closers = new Map<string, EmphasisClosers>();
  #depth = 0;

  #mayClose(delimiter: Delimiter, src: string, maskedSrc: string): boolean {
    let closers = this.#closers.get(maskedSrc);
    if (closers === undefined) {
      closers = new EmphasisClosers(maskedSrc);
      this.#closers.set(maskedSrc, closers);
    }
    return closers.mayClose(delimiter, maskedSrc.length - src.length);
  }

  // Each emphasis or strike-through lexes its content again, so nesting n deep reads the line n
  // times; past what is drawn (`MAX_NESTING`), delimiters stay text.
  #nested<T>(read: () => T): T | undefined {
    if (this.#depth >= MAX_NESTING) return undefined;
    this.#depth++;
    try {
      return read();
    } finally {
      this.#depth--;
    }
  }

  override emStrong(
    src: string,
    maskedSrc: string,
    prevChar?: string,
  ): Tokens.Em | Tokens.Strong | undefined {
    const delimiter = src[0];
    // marked asks at every token; only a delimiter can start one.
    if (delimiter !== '*' && delimiter !== '_') return undefined;
    if (!this.#mayClose(delimiter, src, maskedSrc)) return undefined;
    return this.#nested(() => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string): Tokens.Del | undefined {
    if (src[0] !== '~' || !this.#mayClose('~', src, maskedSrc)) return undefined;
    return this.#nested(() => super.del(src, maskedSrc, prevChar));
  }
}

/** An inline text (a paragraph's, a cell's, an emphasis's content) a lexer is reading. */
export interface InlineReading {
  readonly text: string;
}

/** A lexer that knows which inline text it is reading, so extensions can search it once. */
class ReadingLexer extends Lexer {
  readonly readings: InlineReading[] = [];

  override inlineTokens(src: string, tokens?: Token[]): Token[] {
    this.readings.push({ text: src });
    try {
      return super.inlineTokens(src, tokens);
    } finally {
      this.readings.pop();
    }
  }
}

/** The inline text `lexer` (made by {@link createLinearLexer}) is reading now, innermost first. */
export function currentInline(lexer: Lexer): InlineReading | undefined {
  return lexer instanceof ReadingLexer ? lexer.readings.at(-1) : undefined;
}

/**
 * A marked lexer for GFM (with `options`, e.g. extensions) whose inline lexing takes time linear
 * in the text, where marked's own is quadratic on some paragraphs a prompt injection can ask for.
 */
export function createLinearLexer(options: MarkedOptions): Lexer {
  const tokenizer = new LinearTokenizer();
  const lexer = new ReadingLexer({ ...options, gfm: true, tokenizer });
  // The lexer has just given its tokenizer the stock rules; only the inline ones are replaced.
  tokenizer.rules = { ...tokenizer.rules, inline: linearInlineRules() };
  return lexer;
}
