import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { katexMath } from '../stories/katex-math.tsx';
import { expectNoAxeViolations } from '../test/axe.ts';
import { allTokens, lexMarkdown, type MarkdownLexState } from './lex-incremental.ts';
import { Markdown } from './markdown.tsx';
import { mathLexerOptions } from './math-syntax.ts';

const renderMath = katexMath();
const strictRenderMath = katexMath(true);

/** The formulas `text` holds, as `[display, tex]`. */
function formulas(text: string): [boolean, string][] {
  const found: [boolean, string][] = [];
  const walk = (tokens: readonly { type: string; tokens?: unknown; text?: string; display?: boolean }[]) => {
    for (const token of tokens) {
      if (token.type === 'math') found.push([token.display === true, token.text ?? '']);
      if (Array.isArray(token.tokens)) walk(token.tokens);
    }
  };
  walk(new Lexer(mathLexerOptions()).lex(text));
  return found;
}

describe('math syntax', () => {
  it('reads display and inline formulas in the four notations Claude writes', () => {
    expect(formulas('$$\nE = mc^2\n$$')).toEqual([[true, 'E = mc^2']]);
    expect(formulas('\\[\n\\int_0^1 x\\,dx\n\\]')).toEqual([[true, '\\int_0^1 x\\,dx']]);
    expect(formulas('where $a^2 + b^2 = c^2$ holds')).toEqual([[false, 'a^2 + b^2 = c^2']]);
    expect(formulas('where \\(x_i\\) is')).toEqual([[false, 'x_i']]);
    expect(formulas('inline $$\\sum x$$ too')).toEqual([[false, '\\sum x']]);
  });

  it('leaves prices, escaped dollars and code alone', () => {
    expect(formulas('It costs $5 and $10 today.')).toEqual([]);
    expect(formulas('From $ 3 to $ 4.')).toEqual([]);
    expect(formulas('Escaped \\$x\\$ stays text.')).toEqual([]);
    expect(formulas('`$x$` and\n\n```\n$$ y $$\n```')).toEqual([]);
  });

  it('ends a paragraph where a display formula starts, as a fence would', () => {
    const tokens = new Lexer(mathLexerOptions()).lex('The energy is:\n$$\nE = mc^2\n$$\nSo it grows.');
    expect(tokens.map((token) => token.type)).toEqual(['paragraph', 'math', 'paragraph']);
  });

  it('lexes a streamed text with math as a whole lex does, chunk by chunk', () => {
    const text = 'Let $x$ be real.\n\n$$\n\\frac{a}{b}\n$$\n\nThen \\(x^2 \\ge 0\\) and $$y$$ too.\n';
    let state: MarkdownLexState | undefined;
    for (let end = 0; end <= text.length; end++) {
      state = lexMarkdown(state, text.slice(0, end), true);
      const whole = new Lexer(mathLexerOptions()).lex(text.slice(0, end));
      expect(JSON.parse(JSON.stringify(allTokens(state)))).toEqual(JSON.parse(JSON.stringify(whole)));
    }
  });
});

describe('Markdown with renderMath', () => {
  it('typesets formulas with the given renderer (KaTeX here), MathML included for screen readers', async () => {
    const screen = await render(
      <Markdown
        text={'Euler: $e^{i\\pi} + 1 = 0$.\n\n$$\n\\sum_{n=1}^{\\infty} \\frac{1}{n^2}\n$$'}
        renderMath={renderMath}
      />,
    );
    const inline = screen.container.querySelector('[data-slot="markdown-math"][data-display="inline"]')!;
    const block = screen.container.querySelector('[data-slot="markdown-math"][data-display="block"]')!;
    expect(inline.querySelector('.katex math')).not.toBeNull();
    expect(block.querySelector('.katex-display math')).not.toBeNull();
    expect(block.closest('p')).toBeNull();
    expect(screen.container.textContent).not.toContain('$');
    await expectNoAxeViolations(screen.container);
  });

  it('shows TeX the renderer cannot read as written, marked as an error, and the rest as usual', async () => {
    const screen = await render(
      <Markdown text={'Broken: $\\frac{1}{$ and fine: $x$.'} renderMath={strictRenderMath} />,
    );
    const [broken, fine] = screen.container.querySelectorAll('[data-slot="markdown-math"]');
    expect(broken).toHaveAttribute('data-state', 'error');
    expect(broken?.querySelector('code')).toHaveTextContent('$\\frac{1}{$');
    expect(fine?.querySelector('.katex')).not.toBeNull();
  });

  it('reads dollars as prose without renderMath', async () => {
    const screen = await render(<Markdown text={'Between $x$ and $$y$$.'} />);
    expect(screen.container.querySelector('[data-slot="markdown-math"]')).toBeNull();
    expect(screen.container.textContent).toBe('Between $x$ and $$y$$.');
  });

  it('shows a display formula still being written as its TeX, then typesets it once it is closed', async () => {
    const screen = await render(
      <Markdown text={'The ratio:\n$$\n\\frac{a}{'} streaming renderMath={renderMath} />,
    );
    expect(screen.container.querySelector('.katex')).toBeNull();
    // On its own line already, as it will be typeset; the paragraph before it ends where it starts.
    const open = screen.container.querySelector('[data-slot="markdown-math"][data-state="streaming"]');
    expect(open).toHaveTextContent('\\frac{a}{');
    expect(screen.container.querySelector('p')).toHaveTextContent(/^The ratio:$/);
    await screen.rerender(
      <Markdown text={'The ratio:\n$$\n\\frac{a}{b}\n$$'} streaming renderMath={renderMath} />,
    );
    expect(screen.container.querySelector('[data-display="block"] .katex-display')).not.toBeNull();
  });
});

/**
 * Stands for what Chromium does to `dangerouslySetInnerHTML` when Trusted Types are required: it
 * throws while React puts the element on the page, after renderMath returned.
 */
function Refused(): never {
  throw new TypeError("Failed to set the 'innerHTML' property on 'Element'");
}

describe('a renderMath that fails on the page', () => {
  it('shows the TeX as written instead of unmounting the page (HTML refused under Trusted Types)', async () => {
    const screen = await render(
      <Markdown text={'Energy: $E = mc^2$, and the rest of the answer.'} renderMath={() => <Refused />} />,
    );
    await expect.element(screen.getByText('$E = mc^2$')).toBeVisible();
    await expect.element(screen.getByText(/and the rest of the answer/)).toBeVisible();
  });
});
