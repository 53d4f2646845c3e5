import katex from 'katex';
// oxlint-disable-next-line import/no-unassigned-import -- KaTeX's stylesheet and fonts, as an app loads them
import 'katex/dist/katex.min.css';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import type { RenderMath } from './markdown-context.ts';
import { Markdown } from './markdown.tsx';

/** KaTeX plugged in the way the README shows. */
const renderMath: RenderMath = (tex, display) => (
  // oxlint-disable-next-line react/no-danger -- KaTeX's own output, from TeX it escapes
  <span
    dangerouslySetInnerHTML={{
      __html: katex.renderToString(tex, { displayMode: display, throwOnError: false }),
    }}
  />
);

const answer = [
  'For a right triangle with legs $a$ and $b$, the hypotenuse $c$ satisfies \\(a^2 + b^2 = c^2\\).',
  '',
  'The Basel problem has a famous answer:',
  '$$',
  '\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}',
  '$$',
  'and a Gaussian integral another:',
  '\\[',
  '\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}',
  '\\]',
  '',
  'Prices stay prose: the book costs $5 and the set $12.',
].join('\n');

const meta = preview.meta({
  component: Markdown,
  title: 'Markdown/Math',
  args: { text: answer, renderMath },
});

/** Formulas typeset by KaTeX through `renderMath`: inline, and on their own lines; prices untouched. */
export const WithKatex = meta.story({
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('[data-slot="markdown-math"] .katex')).toHaveLength(6);
    await expect(canvasElement.textContent).toContain('costs $5 and the set $12');
  },
});

/** Mid-stream inside a display formula: its TeX shows as written until the closing `$$` arrives. */
export const StreamingOpenFormula = meta.story({
  args: { text: answer.slice(0, answer.indexOf('\\frac{\\pi')), streaming: true },
});

/** Without `renderMath`, dollars are prose: nothing changes for apps that do not typeset math. */
export const WithoutRenderMath = meta.story({
  render: () => <Markdown text={answer} />,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="markdown-math"]')).toBeNull();
  },
});
