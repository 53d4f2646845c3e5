import { Lexer, type Token, type Tokens } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lexSafely } from './lex-safely.ts';
import { MAX_NESTING } from './nesting.ts';

const NO_LINKS = Object.create(null) as Record<string, never>;
/** Token types, `plain` for a paragraph of its source (a single text token, none of marked's). */
const types = (tokens: readonly Token[]) =>
  tokens.map((token) =>
    token.type === 'paragraph' &&
    JSON.stringify(token.tokens) === JSON.stringify([{ type: 'text', raw: token.text, text: token.text }])
      ? 'plain'
      : token.type,
  );

/** A list `levels` deep, each item one level deeper than the last. */
const ladder = (levels: number): string =>
  Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}- x`).join('\n');

describe('lexSafely', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives what marked gives for markdown it reads', () => {
    const text = '# Title\n\n> quote\n\n- a\n  - b\n\n```js\nx\n\ny\n```\n\n[ref]: https://example.com\n';
    const lexer = new Lexer({ gfm: true });
    expect(lexSafely(text, NO_LINKS, false)).toEqual({
      tokens: [...lexer.lex(text)],
      links: lexer.tokens.links,
    });
  });

  it('reads the other blocks of a text one of which marked fails on, and shows that one as its source', () => {
    // oxlint-disable-next-line typescript/unbound-method -- called below with its lexer as `this`
    const lex = Lexer.prototype.lex;
    // Stands in for a stack overflow that no cheaper check foresees (emphasis nested thousands deep).
    vi.spyOn(Lexer.prototype, 'lex').mockImplementation(function (this: Lexer, src: string) {
      if (src.includes('BOOM')) throw new RangeError('Maximum call stack size exceeded');
      return lex.call(this, src);
    });
    const text =
      '# Title\n\n```js\nx\ny\n```\n\n**BOOM** here\nand here\n\n\n[ref]: https://example.com\n\nSee [it][ref].\n';
    const { tokens, links } = lexSafely(text, NO_LINKS, false);
    expect(tokens.map((token) => token.raw).join('')).toBe(text);
    expect(types(tokens)).toEqual([
      'heading',
      'space',
      'code',
      'space',
      'plain',
      'def',
      'space',
      'paragraph',
    ]);
    expect((tokens[2] as Tokens.Code).text).toBe('x\ny');
    expect((tokens[4] as Tokens.Paragraph).text).toBe('**BOOM** here\nand here');
    expect(links['ref']?.href).toBe('https://example.com');
    expect(JSON.stringify(tokens[7])).toContain('"href":"https://example.com"');

    expect(types(lexSafely('**BOOM**', NO_LINKS, false).tokens)).toEqual(['plain']);
  });

  it('asks marked about a line as deep as is drawn, not about a deeper one', () => {
    const lex = vi.spyOn(Lexer.prototype, 'lex');
    expect(types(lexSafely(`${'> - '.repeat(MAX_NESTING / 2)}x`, NO_LINKS, false).tokens)).toEqual([
      'blockquote',
    ]);
    expect(types(lexSafely(`${'>'.repeat(MAX_NESTING + 1)} x`, NO_LINKS, false).tokens)).toEqual(['plain']);
    expect(lex).toHaveBeenCalledOnce();
  });

  it('shows a list indented deeper than is drawn as its source, at once (each item a level deeper)', () => {
    expect(types(lexSafely(ladder(MAX_NESTING), NO_LINKS, false).tokens)).toEqual(['list']);
    const lex = vi.spyOn(Lexer.prototype, 'lex');
    const { tokens } = lexSafely(`Intro\n\n${ladder(600)}`, NO_LINKS, false);
    expect(types(tokens)).toEqual(['paragraph', 'space', 'plain']);
    // marked, which would take minutes over it, never reads the ladder.
    expect(lex.mock.calls.map(([src]) => src)).toEqual(['Intro\n\n']);
    // One deeply indented line in a code block (ASCII art) is code, its fence whole.
    const art = `\`\`\`text\nroot\n\n${' '.repeat(68)}* leaf\n\`\`\``;
    expect(types(lexSafely(art, NO_LINKS, false).tokens)).toEqual(['code']);
  });

  it('shows a block nested deeper than is drawn as its source without asking marked', () => {
    const lex = vi.spyOn(Lexer.prototype, 'lex');
    const deep = `${'> 1. '.repeat(40)}x`;
    const { tokens } = lexSafely(`Intro\n\n${deep}`, NO_LINKS, true);
    expect(types(tokens)).toEqual(['paragraph', 'space', 'plain']);
    expect((tokens[2] as Tokens.Paragraph).text).toBe(deep);
    expect(lex.mock.calls.map(([src]) => src)).toEqual(['Intro\n\n']);
  });
});
