import type { ChatMessage } from '@chatstream/reader';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { installStyles } from './test/styles.ts';

installStyles();

// What the CSS resets of app templates do (Tailwind's preflight, modern-normalize, Bootstrap's
// reboot), written from their behaviour: no margins, padding or borders anywhere, headings and links
// like body text, no list markers, images as blocks, form controls in the page's font.
const RESET = `
  *, ::before, ::after { box-sizing: border-box; margin: 0; padding: 0; border: 0 solid; }
  html { line-height: 1.5; font-family: system-ui, sans-serif; }
  h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit; }
  a { color: inherit; text-decoration: inherit; }
  ol, ul, menu { list-style: none; }
  hr { height: 0; color: inherit; border-top-width: 1px; }
  table { border-collapse: collapse; border-color: inherit; text-indent: 0; }
  code, pre { font-family: monospace, monospace; font-size: 1em; }
  img, svg, video { display: block; vertical-align: middle; max-width: 100%; height: auto; }
  button, input, textarea, select { font: inherit; color: inherit; background-color: transparent; border-radius: 0; }
`;

const TEXT = `# A title

## A section

Body text with a [link](https://example.com), **bold**, *emphasis*, ~~struck~~ and \`code\`.

1. first
2. second

- an item
  - nested
    - deeper
- [ ] a task

> A quote

| Name | Value |
| ---- | ----- |
| a    | 1     |

\`\`\`ts
const answer = 42;
\`\`\`

---

An image ![picture](./picture.png) in a line.`;

const answer: ChatMessage[] = [
  { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Show me everything' }] },
  { id: 'a1', role: 'assistant', status: 'complete', content: [{ type: 'text', text: TEXT }] },
];

/** What is read of each element, with and without the reset. */
const READ: Record<string, readonly string[]> = {
  h1: ['font-size', 'font-weight', 'margin-block-end'],
  h2: ['font-size', 'font-weight', 'margin-block-start', 'margin-block-end'],
  p: ['margin-block-end'],
  a: ['color', 'text-decoration-line', 'text-decoration-color'],
  strong: ['font-weight'],
  em: ['font-style'],
  ol: ['list-style-type', 'padding-inline-start', 'margin-block-end'],
  'ul:not(li ul)': ['list-style-type', 'padding-inline-start'],
  'li ul': ['list-style-type'],
  'li li ul': ['list-style-type'],
  'li[data-task]': ['list-style-type'],
  'li[data-task] > input': ['margin-block-start', 'margin-inline-start', 'margin-inline-end'],
  blockquote: [
    'margin-inline-start',
    'padding-inline-start',
    'border-inline-start-width',
    'border-inline-start-style',
  ],
  td: ['padding-inline-start', 'padding-block-start', 'border-top-width', 'border-top-style'],
  th: ['font-weight'],
  hr: ['border-top-width', 'border-top-style', 'margin-block-end'],
  img: ['display', 'vertical-align'],
  '[data-slot="code-block"]': [
    'border-top-width',
    'border-top-left-radius',
    'background-color',
    'margin-block-end',
  ],
  '[data-slot="code-block"] pre': [
    'margin-block-start',
    'padding-top',
    'padding-left',
    'font-size',
    'line-height',
  ],
  '[data-slot="code-block"] pre > code': [
    'display',
    'padding-left',
    'border-top-width',
    'font-size',
    'font-family',
  ],
  '[data-slot="code-block-copy"]': ['padding-left', 'border-top-width', 'font-size'],
};

function read(markdown: Element): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(READ).map(([selector, properties]) => {
      const element = markdown.querySelector(selector);
      if (!element) throw new Error(`no ${selector} in the answer`);
      const style = getComputedStyle(element);
      return [selector, Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]))];
    }),
  );
}

const px = (value: string | undefined): number => Number.parseFloat(value ?? '');

afterEach(() => {
  document.querySelector('style[data-reset]')?.remove();
});

describe.each([
  ['unlayered, as Tailwind 3 has it', RESET],
  ['in `@layer base`, as Tailwind 4 has it', `@layer base {${RESET}}`],
])('under a CSS reset (%s)', (_, css) => {
  it('an answer keeps its list markers, link underlines, headings, spacing and borders', async () => {
    const screen = await render(<ChatStream initialMessages={answer} renderText={markdownRenderText} />);
    const markdown = screen.container.querySelector('[data-slot="markdown"]')!;
    const before = read(markdown);

    const reset = document.createElement('style');
    reset.dataset['reset'] = '';
    reset.textContent = css;
    document.head.append(reset);
    const after = read(markdown);

    // The reset is in force around the answer.
    expect(getComputedStyle(document.documentElement).fontFamily).toBe('system-ui, sans-serif');

    const body = getComputedStyle(markdown);
    expect(after['ol']!['list-style-type']).toBe('decimal');
    expect(after['ul:not(li ul)']!['list-style-type']).toBe('disc');
    expect(after['li ul']!['list-style-type']).toBe('circle');
    expect(after['li li ul']!['list-style-type']).toBe('square');
    expect(after['li[data-task]']!['list-style-type']).toBe('none');
    expect(after['a']!['text-decoration-line']).toBe('underline');
    // Links keep the text's colour; their underline is what sets them apart.
    expect(after['a']!['text-decoration-color']).not.toBe(body.color);
    for (const heading of ['h1', 'h2']) {
      expect(Number(after[heading]!['font-weight'])).toBeGreaterThanOrEqual(600);
      expect(px(after[heading]!['font-size'])).toBeGreaterThan(px(body.fontSize));
    }
    expect(px(after['p']!['margin-block-end'])).toBeGreaterThan(0);
    expect(px(after['blockquote']!['border-inline-start-width'])).toBeGreaterThan(0);
    expect(after['blockquote']!['border-inline-start-style']).toBe('solid');
    expect(px(after['td']!['border-top-width'])).toBeGreaterThan(0);
    expect(after['td']!['border-top-style']).toBe('solid');
    expect(px(after['hr']!['border-top-width'])).toBeGreaterThan(0);
    expect(after['img']!['display']).toBe('inline');

    // And all of it, code block included, exactly as without the reset.
    expect(after).toEqual(before);
  });
});
