import fc from 'fast-check';
import { Lexer, Tokenizer, type Token } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLinearLexer, MAX_EMAIL_LOCAL_PART } from './linear-lexer.ts';
import { mathLexerOptions } from './math-syntax.ts';
import { MAX_NESTING } from './nesting.ts';
import { DOCUMENTS } from './test-documents.ts';

const ours = (text: string, math = false): Token[] => [
  ...createLinearLexer(math ? mathLexerOptions() : {}).lex(text),
];
const marked = (text: string, math = false): Token[] => [
  ...new Lexer(math ? mathLexerOptions() : { gfm: true }).lex(text),
];

// Delimiters, what flanks them (letters, digits, punctuation, spaces, an emoji and its halves alone)
// and the other inline syntax they meet.
const PIECES = [
  '*',
  '_',
  '~',
  '**',
  '__',
  '~~',
  'a',
  '1',
  '"',
  '.',
  '(',
  ' ',
  '\n',
  '😀',
  '\ud83d',
  '\ude00',
  '。',
  '`',
  '[',
  '](u)',
  '\\',
  '<',
  '$',
  'x@y.z',
  'www.a.b',
];
const inline = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/** The inline token types of the first block, nested ones in brackets. */
function shape(tokens: readonly Token[]): string {
  return tokens
    .map((token) =>
      'tokens' in token && token.tokens ? `${token.type}[${shape(token.tokens)}]` : token.type,
    )
    .join(' ');
}

describe('createLinearLexer', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the tokens marked gives, on any mix of emphasis, strike-through and what flanks them', () => {
    fc.assert(
      fc.property(inline, (text) => {
        expect(ours(text)).toEqual(marked(text));
        expect(ours(text, true)).toEqual(marked(text, true));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the tokens marked gives on whole documents', () => {
    for (const document of DOCUMENTS) {
      expect(ours(document)).toEqual(marked(document));
      expect(ours(document, true)).toEqual(marked(document, true));
    }
  });

  it('leaves an opener that nothing after it closes as text without looking for its closer', () => {
    // marked's own readers, asked with the text at an opener (they are asked at every token).
    const opened: string[] = [];
    // oxlint-disable-next-line typescript/unbound-method -- called below with its own `this`
    const { emStrong, del } = Tokenizer.prototype;
    vi.spyOn(Tokenizer.prototype, 'emStrong').mockImplementation(function (this: Tokenizer, src, ...rest) {
      if (src[0] === '_') opened.push(src[0]);
      return emStrong.call(this, src, ...rest);
    });
    vi.spyOn(Tokenizer.prototype, 'del').mockImplementation(function (this: Tokenizer, src, ...rest) {
      if (src[0] === '~') opened.push(src[0]);
      return del.call(this, src, ...rest);
    });
    // Each `_` and `~` follows punctuation and precedes a letter: every one opens, none closes.
    const text = `${'1"_'.repeat(2000)}1 ${'(~h'.repeat(2000)}`;
    expect(shape(ours(text))).toBe('paragraph[text]');
    expect(opened).toEqual([]);
    expect(ours(text)).toEqual(marked(text));
  });

  it('still pairs an opener with a closer far after it, across openers that cannot close', () => {
    const text = `_start ${'(*a '.repeat(500)}end_`;
    expect(shape(ours(text))).toBe('paragraph[em[text]]');
    expect(ours(text)).toEqual(marked(text));
  });

  it('pairs emphasis around strong text holding the other delimiter, as marked does', () => {
    // marked's closing rules skip one `_` inside a leading `**…**` (one `*` inside `__…__`).
    for (const text of ['_see **the _x** file_', '*a __b *c__ d*']) {
      expect(shape(ours(text))).toBe('paragraph[em[text strong[text] text]]');
      expect(ours(text)).toEqual(marked(text));
    }
  });

  it('judges a run a token took part of as a whole (no closer for `**` when none can close it)', () => {
    const opened: string[] = [];
    // oxlint-disable-next-line typescript/unbound-method -- called below with its own `this`
    const { emStrong } = Tokenizer.prototype;
    vi.spyOn(Tokenizer.prototype, 'emStrong').mockImplementation(function (this: Tokenizer, src, ...rest) {
      if (src[0] === '*') opened.push(src[0]);
      return emStrong.call(this, src, ...rest);
    });
    const text = '**a_'.repeat(1000);
    const tokens = ours(text);
    expect(opened).toEqual([]);
    expect(tokens).toEqual(marked(text));
  });

  it('draws emphasis nested deeper than is drawn as text', () => {
    const depth = MAX_NESTING + 8;
    const text = `${'_a '.repeat(depth)}b${' a_'.repeat(depth)}`;
    let tokens =
      ours(text)[0] && 'tokens' in ours(text)[0]! ? (ours(text)[0] as { tokens: Token[] }).tokens : [];
    let levels = 0;
    while (tokens.some((token) => token.type === 'em')) {
      levels++;
      tokens = (tokens.find((token) => token.type === 'em') as { tokens: Token[] }).tokens;
    }
    expect(levels).toBe(MAX_NESTING);
    expect(tokens.map((token) => token.raw).join('')).toContain('_a b a_');
  });

  it(`links an address whose local part has up to ${MAX_EMAIL_LOCAL_PART} characters, not a longer one`, () => {
    const longest = `${'a'.repeat(MAX_EMAIL_LOCAL_PART)}@example.com`;
    const tooLong = `b${longest}`;
    expect(shape(ours(`write to ${longest} today`))).toBe('paragraph[text link[text] text]');
    expect(ours(`write to ${longest} today`)).toEqual(marked(`write to ${longest} today`));
    expect(shape(ours(`write to ${tooLong} today`))).toBe('paragraph[text]');
  });

  it('searches a paragraph for where formulas may start once, not once per token', () => {
    // oxlint-disable-next-line typescript/unbound-method -- called below with its own `this`
    const exec = RegExp.prototype.exec;
    let searches = 0;
    vi.spyOn(RegExp.prototype, 'exec').mockImplementation(function (this: RegExp, input: string) {
      if (this.source === String.raw`\$|\\\(`) searches++;
      return exec.call(this, input);
    });
    const text = `${'_a'.repeat(2000)} costs $x$ and ${'_a'.repeat(2000)}`;
    expect(shape(ours(text, true))).toBe('paragraph[text math text]');
    expect(searches).toBeLessThanOrEqual(4);
  });
});
