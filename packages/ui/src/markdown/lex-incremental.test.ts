import fc from 'fast-check';
import { Lexer, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { allTokens, GROUP_SIZE, lexMarkdown, type MarkdownLexState } from './lex-incremental.ts';
import { DOCUMENTS, RICH_DOCUMENT } from './test-documents.ts';

const raws = (tokens: readonly { raw: string }[]) => tokens.map((token) => token.raw);
/** Tokens without identity: what a renderer sees. */
const shape = (tokens: unknown) => JSON.parse(JSON.stringify(tokens));

function streamed(text: string, cuts: readonly number[]): MarkdownLexState {
  let state: MarkdownLexState | undefined;
  for (const cut of cuts) state = lexMarkdown(state, text.slice(0, cut));
  return lexMarkdown(state, text);
}

describe('lexMarkdown', () => {
  it('gives the same tokens as lexing the whole text, for every prefix of the documents', () => {
    for (const document of DOCUMENTS) {
      let state: MarkdownLexState | undefined;
      for (let end = 0; end <= document.length; end++) {
        const prefix = document.slice(0, end);
        state = lexMarkdown(state, prefix);
        expect(shape(allTokens(state))).toEqual(shape(Lexer.lex(prefix)));
      }
    }
  });

  it('gives the same tokens as a full lex whatever the chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCUMENTS),
        fc.array(fc.nat(), { maxLength: 40 }),
        (document, points) => {
          const cuts = [...new Set(points.map((point) => point % (document.length + 1)))].toSorted(
            (a, b) => a - b,
          );
          const state = streamed(document, cuts);
          expect(shape(allTokens(state))).toEqual(shape(Lexer.lex(document)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps completed blocks as the same objects and freezes full groups', () => {
    const text = Array.from({ length: GROUP_SIZE * 3 }, (_, index) => `Paragraph ${index}.`).join('\n\n');
    let state = lexMarkdown(undefined, text.slice(0, 40));
    const firstToken = state.pending[0] ?? state.tail[0];
    for (let end = 41; end <= text.length; end += 7) state = lexMarkdown(state, text.slice(0, end));
    state = lexMarkdown(state, text);
    const completed = allTokens(state).length - state.tail.length;
    expect(state.groups.length).toBe(Math.floor(completed / GROUP_SIZE));
    expect(state.groups.length).toBeGreaterThanOrEqual(2);
    expect(state.groups[0]?.[0]).toBe(firstToken);
    const groups = state.groups;
    const next = lexMarkdown(state, `${text} more`);
    expect(next.groups).toBe(groups);
    expect(raws(allTokens(next)).join('')).toBe(`${text} more`);
  });

  it('lexes everything again when the text is not an extension', () => {
    const state = lexMarkdown(undefined, '# One\n\ntwo');
    const edited = lexMarkdown(state, '# Uno\n\ntwo');
    expect(edited.epoch).toBe(state.epoch + 1);
    expect(raws(allTokens(edited))).toEqual(raws(Lexer.lex('# Uno\n\ntwo')));
  });

  it('resolves a reference defined after the blocks that use it', () => {
    const text = 'See [docs][d].\n\nMore text.\n\n[d]: https://example.com/docs\n';
    let state: MarkdownLexState | undefined;
    for (let end = 0; end <= text.length; end++) {
      state = lexMarkdown(state, text.slice(0, end));
      expect(shape(allTokens(state))).toEqual(shape(Lexer.lex(text.slice(0, end))));
    }
    const epoch = state!.epoch;
    state = lexMarkdown(state, `${text}\nLater text.`);
    expect(state.epoch).toBe(epoch);
  });

  it('never throws on nesting thousands deep, whole or streamed: such a block is its source', () => {
    // A few KB that a prompt injection can make a model write; marked overflows the stack on them.
    for (const deep of [`${'> '.repeat(5000)}x`, `${'- '.repeat(5000)}x`, `${'>'.repeat(10_000)}x`]) {
      const text = `# Before\n\n${deep}\n\nAfter *this*\n`;
      const whole = allTokens(lexMarkdown(undefined, text));
      expect(raws(whole).join('')).toBe(text);
      expect(whole.map((token) => token.type)).toEqual(['heading', 'space', 'paragraph', 'paragraph']);
      expect((whole[2] as Tokens.Paragraph).text).toBe(deep);
      expect((whole[2] as Tokens.Paragraph).tokens).toEqual([{ type: 'text', raw: deep, text: deep }]);
      expect(shape(whole[3])).toEqual(shape(Lexer.lex('After *this*\n')[0]));

      let state: MarkdownLexState | undefined;
      for (let end = 0; end < text.length; end += 499) {
        state = lexMarkdown(state, text.slice(0, end));
        expect(raws(allTokens(state)).join('')).toBe(text.slice(0, end));
      }
      expect(shape(allTokens(lexMarkdown(state, text)))).toEqual(shape(whole));
    }
  });

  it('handles a one-block document', () => {
    expect(raws(allTokens(lexMarkdown(undefined, '')))).toEqual([]);
    expect(raws(allTokens(lexMarkdown(undefined, RICH_DOCUMENT.slice(0, 3))))).toEqual(['# S']);
  });
});
