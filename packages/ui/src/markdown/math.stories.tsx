import { scenarios } from '@chatstream/mocks';
// oxlint-disable-next-line import/no-unassigned-import -- KaTeX's stylesheet and fonts, as an app loads them
import 'katex/dist/katex.min.css';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { katexMath } from '../stories/katex-math.tsx';
import { Markdown } from './markdown.tsx';

const renderMath = katexMath();

// The mocks' `math` scenario: what the demo streams for it.
const answer = scenarios.math.expectedText;

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
