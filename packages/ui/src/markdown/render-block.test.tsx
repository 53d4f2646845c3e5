import { Lexer, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import type { MarkdownRenderContext } from './markdown-context.ts';
import { MAX_NESTING } from './nesting.ts';
import { renderBlocks } from './render-block.tsx';

const context: MarkdownRenderContext = {
  components: undefined,
  highlight: undefined,
  allowImage: undefined,
  renderMath: undefined,
  // English: each key with its values filled in.
  t: (key, ...values) => key.replace(/\{(\d)\}/g, (_, index: string) => String(values[Number(index)])),
  epoch: 0,
};

/** Renders what marked reads in `text`, straight through the block renderer. */
async function renderTokens(text: string): Promise<HTMLElement> {
  const tokens = new Lexer({ gfm: true }).lex(text);
  const screen = await render(<div data-testid="blocks">{renderBlocks(tokens, context)}</div>);
  return screen.container;
}

/** How many `selector` elements lie inside one another, at most. */
function depthOf(container: HTMLElement, selector: string): number {
  let depth = 0;
  for (const element of container.querySelectorAll(selector)) {
    let count = 0;
    for (let at: Element | null = element; at; at = at.parentElement) if (at.matches(selector)) count++;
    depth = Math.max(depth, count);
  }
  return depth;
}

describe('renderBlocks', () => {
  it(`draws lists and quotes ${MAX_NESTING} deep, and deeper ones as the markdown they were written in`, async () => {
    const quotes = await renderTokens(`${'> '.repeat(MAX_NESTING + 8)}x`);
    expect(depthOf(quotes, 'blockquote')).toBe(MAX_NESTING);
    expect(quotes.querySelector('blockquote p')?.textContent).toBe(`${'> '.repeat(8)}x`);

    const lists = await renderTokens(`${'- '.repeat(MAX_NESTING + 8)}x`);
    expect(depthOf(lists, 'ul')).toBe(MAX_NESTING);
    expect(lists.querySelector('li p')?.textContent).toBe(`${'- '.repeat(8)}x`);

    const mixed = await renderTokens(`${'> 1. '.repeat(MAX_NESTING)}x`);
    expect(depthOf(mixed, 'blockquote, ol')).toBe(MAX_NESTING);
    expect(mixed.querySelector('li p')?.textContent).toBe(`${'> 1. '.repeat(MAX_NESTING / 2 - 1)}> 1. x`);
  });

  it('draws emphasis nested too deep within a line as written', async () => {
    const text = `${'*a _'.repeat(MAX_NESTING)}x${'_ a*'.repeat(MAX_NESTING)}`;
    const container = await renderTokens(text);
    expect(depthOf(container, 'em')).toBe(MAX_NESTING);
    expect(container.textContent).toContain('*a _x_ a*');
    expect(container.textContent?.replaceAll(/[*_]/g, '')).toBe(text.replaceAll(/[*_]/g, ''));
  });

  it('does not overflow the stack on tokens nested thousands deep', async () => {
    // Built by hand: marked itself overflows at such depths (`lexMarkdown` copes with that).
    const depth = 5000;
    const source = `${'> - '.repeat(depth)}x`;
    let token: Token = { type: 'text', raw: 'x', text: 'x' };
    for (let level = 2 * depth - 1; level >= 0; level--) {
      const raw = source.slice(2 * level);
      const text = raw.slice(2);
      token =
        level % 2 === 0
          ? { type: 'blockquote', raw, text, tokens: [token] }
          : {
              type: 'list',
              raw,
              ordered: false,
              start: '',
              loose: false,
              items: [{ type: 'list_item', raw, task: false, loose: false, text, tokens: [token] }],
            };
    }
    const screen = await render(<div>{renderBlocks([token], context)}</div>);
    expect(depthOf(screen.container, 'blockquote, ul')).toBe(MAX_NESTING);
    expect(screen.container.textContent).toBe(source.slice(2 * MAX_NESTING));
  });
});
