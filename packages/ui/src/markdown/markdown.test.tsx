import { Children, memo, useState, type ComponentProps } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { clipboardText, withoutClipboardAPI } from '../test/clipboard.ts';
import { textSide } from '../test/text-side.ts';
import { Markdown } from './markdown.tsx';
import { markdownRenderText } from './markdown-render-text.tsx';
import type { MarkdownComponents } from './markdown-context.ts';
import { DOCUMENTS, RICH_DOCUMENT } from './test-documents.ts';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

/** Renders synchronously into a detached container and returns a copy of what it rendered. */
function renderedCopy(element: React.ReactNode): HTMLElement {
  const container = document.createElement('div');
  const root = createRoot(container);
  flushSync(() => root.render(element));
  const copy = container.cloneNode(true) as HTMLElement;
  root.unmount();
  return copy;
}

/** A settled code block followed by a paragraph that grows on each click of Grow. */
function Streamed() {
  const [text, setText] = useState('```sh\nnpm i\n```\n\nAfter');
  return (
    <>
      <button type="button" onClick={() => setText((current) => `${current} more`)}>
        Grow
      </button>
      <Markdown text={text} streaming />
    </>
  );
}

describe('Markdown', () => {
  it('opens links in a new tab, but a place in the page in the page', async () => {
    const screen = await render(
      <Markdown text="See [the docs](https://example.com/docs) and [the notes](#notes)." />,
    );
    await expect.element(screen.getByRole('link', { name: 'the docs' })).toHaveAttribute('target', '_blank');
    const local = screen.getByRole('link', { name: 'the notes' }).element();
    expect([local.getAttribute('href'), local.hasAttribute('target')]).toEqual(['#notes', false]);
  });

  it('renders headings, lists, tasks, quotes, tables, code and links as elements', async () => {
    const screen = await render(<Markdown text={RICH_DOCUMENT} />);
    await expect.element(screen.getByRole('heading', { level: 1, name: 'Streaming markdown' })).toBeVisible();
    await expect.element(screen.getByRole('heading', { level: 2, name: 'Setext heading' })).toBeVisible();
    await expect.element(screen.getByRole('table')).toBeVisible();
    expect(screen.getByRole('columnheader').all()).toHaveLength(3);
    expect(screen.getByRole('checkbox').all()).toHaveLength(2);
    await expect.element(screen.getByRole('checkbox', { name: 'Done', exact: true })).toBeChecked();
    const link = screen.getByRole('link', { name: 'link' });
    await expect.element(link).toHaveAttribute('href', 'https://example.com');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect
      .element(screen.getByRole('link', { name: 'style' }))
      .toHaveAttribute('href', 'https://example.com/ref');
    // An image from elsewhere is a link, not loaded (see the security tests).
    await expect
      .element(screen.getByRole('link', { name: 'alt text' }))
      .toHaveAttribute('href', 'https://example.com/a.png');
    expect(screen.container.querySelectorAll('[data-slot="code-block"]')).toHaveLength(3);
    await expect
      .element(screen.getByText('Entities: & © A and <span>inline html</span>.', { exact: false }))
      .toBeVisible();
    await expect.element(screen.getByText('<div> block html </div>', { exact: false })).toBeInTheDocument();
    expect(screen.container.querySelector('span:not([data-slot])')).toBeNull();
    await expectNoAxeViolations(screen.container);
  });

  it('never throws on any prefix, and the final render equals rendering the whole text', () => {
    for (const document of DOCUMENTS) {
      const container = window.document.createElement('div');
      const root = createRoot(container);
      for (let end = 0; end <= document.length; end += 1) {
        flushSync(() => root.render(<Markdown text={document.slice(0, end)} streaming />));
      }
      flushSync(() => root.render(<Markdown text={document} streaming={false} />));
      const expected = renderedCopy(<Markdown text={document} />);
      // isEqualNode: same elements, attributes (in any order) and text.
      expect(container.isEqualNode(expected)).toBe(true);
      root.unmount();
    }
  });

  it('renders unterminated syntax sensibly mid-stream', async () => {
    const cases: [text: string, check: (container: HTMLElement) => void][] = [
      ['Some **bold te', (c) => expect(c.querySelector('strong')?.textContent).toBe('bold te')],
      ['Some *italic te', (c) => expect(c.querySelector('em')?.textContent).toBe('italic te')],
      ['Call `fetch(ur', (c) => expect(c.querySelector('p > code')?.textContent).toBe('fetch(ur')],
      ['Trailing marker **', (c) => expect(c.textContent).toBe('Trailing marker ')],
      [
        'Read [the docs](https://exa',
        (c) => {
          expect(c.textContent).toBe('Read the docs');
          expect(c.querySelector('a')).toBeNull();
        },
      ],
      [
        '```py\nprint("hi")',
        (c) => {
          const block = c.querySelector('[data-slot="code-block"]') as HTMLElement;
          expect(block.dataset['state']).toBe('streaming');
          expect(block.querySelector('code')?.textContent).toBe('print("hi")');
        },
      ],
      [
        '| a | b |\n|--',
        (c) => expect([...c.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['a', 'b']),
      ],
      [
        '| a | b |\n| --- | --- |\n| fetch | **ye',
        (c) => {
          const cells = [...c.querySelectorAll('td')];
          expect(cells.map((td) => td.textContent)).toEqual(['fetch', 'ye']);
          expect(cells[1]?.querySelector('strong')?.textContent).toBe('ye');
        },
      ],
      ['```ts\nconst a = 1;\n``', (c) => expect(c.querySelector('code')?.textContent).toBe('const a = 1;')],
      [
        '| Feature | Sta',
        (c) => expect([...c.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Feature', 'Sta']),
      ],
      [
        '- one\n- tw',
        (c) => expect([...c.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'tw']),
      ],
      ['snake_case_name and 2*3', (c) => expect(c.textContent).toBe('snake_case_name and 2*3')],
    ];
    for (const [text, check] of cases) {
      const screen = await render(<Markdown text={text} streaming />);
      check(screen.container.querySelector('[data-slot="markdown"]') as HTMLElement);
      await screen.unmount();
    }
    const screen = await render(<Markdown text="Some **bold te" />);
    expect(screen.container.textContent).toBe('Some **bold te');
  });

  it('does not re-render completed blocks while the tail grows', async () => {
    const renders = new Map<string, number>();
    const Paragraph = (props: ComponentProps<'p'>) => {
      const key = Children.toArray(props.children)
        .map((child) => (typeof child === 'string' ? child : ''))
        .join('')
        .slice(0, 12);
      renders.set(key, (renders.get(key) ?? 0) + 1);
      return <p {...props} />;
    };
    const components: MarkdownComponents = { p: Paragraph };
    const text = Array.from(
      { length: 80 },
      (_, index) => `Paragraph ${String(index).padStart(2, '0')} says hello.`,
    ).join('\n\n');
    const screen = await render(<Markdown text="" streaming components={components} />);
    for (let end = 1; end <= text.length; end += 3) {
      await screen.rerender(<Markdown text={text.slice(0, end)} streaming components={components} />);
    }
    await screen.rerender(<Markdown text={text} components={components} />);
    expect(screen.getByText(/^Paragraph \d\d says hello\.$/).all()).toHaveLength(80);
    // Paragraph 00 completed long ago: rendered while it was open, then once more when it closed.
    const settled = [...renders.entries()].filter(
      ([key]) => key.startsWith('Paragraph 0') && key !== 'Paragraph 0',
    );
    expect(settled.length).toBeGreaterThan(0);
    for (const [, count] of settled.filter(([key]) => key.length === 12 && key <= 'Paragraph 70')) {
      expect(count).toBeLessThanOrEqual(12);
    }
    expect(renders.get('Paragraph 00')).toBeLessThanOrEqual(12);
    await expectNoAxeViolations(screen.container);
  });

  it('copies code, shows "Copied", and hands code to highlight, saying whether it still streams', async () => {
    const highlight = vi.fn<(code: string, lang: string, streaming: boolean) => React.ReactNode>(
      (code, lang) => <span data-testid="hl">{`${lang}:${code}`}</span>,
    );
    const screen = await render(<Markdown text={'```ts\nconst'} streaming highlight={highlight} />);
    expect(highlight).toHaveBeenLastCalledWith('const', 'ts', true);
    await screen.rerender(<Markdown text={'```ts\nconst a = 1;\n```'} highlight={highlight} />);
    expect(highlight).toHaveBeenLastCalledWith('const a = 1;', 'ts', false);
    await expect.element(screen.getByTestId('hl')).toHaveTextContent('ts:const a = 1;');
    await screen.getByRole('button', { name: 'Copy ts' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    // Heard, not only seen: the outcome is in a live region.
    expect(
      screen.container.querySelector('[data-slot="code-block-copy"] [aria-live="polite"]')?.textContent,
    ).toBe('Copied');
    expect(await clipboardText()).toBe('const a = 1;');
    await expectNoAxeViolations(screen.container);
  });

  it('writes out the hidden characters of code that would make it look like another program, and copies that', async () => {
    // Trojan Source: shown, the first line reads as `if (isAdmin) {`; it is all a comment.
    const trojan = '/*\u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */\nconsole.log("admin");';
    const screen = await render(<Markdown text={`\`\`\`js\n${trojan}\n\`\`\``} />);
    const code = screen.getByRole('group', { name: 'js code' });
    await expect.element(code).toHaveTextContent('/*\\u202e } \\u2066if (isAdmin)\\u2069');
    await expect.element(screen.getByText('Hidden characters shown as \\u codes')).toBeVisible();
    await screen.getByRole('button', { name: 'Copy js' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await clipboardText()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    await expectNoAxeViolations(screen.container);
  });

  it('copies code on a page served over plain HTTP, where there is no Clipboard API', async () => {
    withoutClipboardAPI();
    const screen = await render(<Markdown text={'```sh\nnpm test\n```'} />);
    await screen.getByRole('button', { name: 'Copy sh' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await clipboardText()).toBe('npm test');
  });

  it('keeps the state of a settled code block when later text streams in', async () => {
    const screen = await render(<Streamed />);
    await screen.getByRole('button', { name: 'Copy sh' }).click();
    await screen.getByRole('button', { name: 'Grow' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    await expect.element(screen.getByText('After more')).toBeVisible();
  });

  it('draws inline code left to right inside right-to-left prose: `one()`, not ()one', async () => {
    const screen = await render(<Markdown text={'קראו ל `one()` עכשיו'} />);
    const code = screen.container.querySelector('p code')!;
    const at = (index: number): number => {
      const range = document.createRange();
      range.setStart(code.firstChild!, index);
      range.setEnd(code.firstChild!, index + 1);
      return range.getBoundingClientRect().left;
    };
    // `o` is drawn before (left of) `(`, as the code is written.
    expect(at(0)).toBeLessThan(at(3));
  });

  it('sets each paragraph, item and heading in its own direction; code stays left to right', async () => {
    const screen = await render(
      <div style={{ inlineSize: '40rem' }}>
        <Markdown
          text={'## כותרת\n\nשלום **עולם**.\n\nHello.\n\n- פריט\n- item\n\n```js\n// הערה\nx();\n```'}
        />
      </div>,
    );
    const sides = (selector: string) => [...screen.container.querySelectorAll(selector)].map(textSide);
    expect(sides('h2')).toEqual(['right']);
    expect(sides('p')).toEqual(['right', 'left']);
    expect(sides('li')).toEqual(['right', 'left']);
    // The list reads right to left as a whole: its bullets sit on the right.
    expect(getComputedStyle(screen.container.querySelector('ul')!).direction).toBe('rtl');
    // A comment in Hebrew does not turn its line of code around.
    const pre = screen.container.querySelector('pre')!;
    const comment = document.createRange();
    comment.setStart(pre.querySelector('code')!.firstChild!, 0);
    comment.setEnd(pre.querySelector('code')!.firstChild!, '// הערה'.length);
    const inset = parseFloat(getComputedStyle(pre).paddingLeft) + pre.clientLeft;
    expect(comment.getBoundingClientRect().left - pre.getBoundingClientRect().left).toBeCloseTo(inset, 0);
  });

  it('keeps words whole in a table too wide for its column: the table scrolls sideways', async () => {
    const header = '| Column one | Column two | Column three | Column four | Column five |';
    const row = `| ${Array(5).fill('some longer cell text').join(' | ')} |`;
    const screen = await render(
      <div style={{ inlineSize: '20rem' }}>
        <Markdown text={`${header}\n|---|---|---|---|---|\n${row}`} />
      </div>,
    );
    const scroller = screen.container.querySelector<HTMLElement>('[data-slot="markdown-table"]')!;
    expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
    for (const cell of screen.container.querySelectorAll('th')) {
      const word = document.createRange();
      word.setStart(cell.firstChild!, 0);
      word.setEnd(cell.firstChild!, 'Column'.length);
      expect(word.getClientRects()).toHaveLength(1);
    }
  });

  it('is the renderText for TextBlock', async () => {
    const Memo = memo(() => markdownRenderText('**hi** there', false));
    const screen = await render(<Memo />);
    await expect.element(screen.getByText('hi')).toHaveProperty('tagName', 'STRONG');
    await expectNoAxeViolations(screen.container);
  });
});

describe('Markdown components', () => {
  it("replaces a whole code block with a design system's own, given the code and its language", async () => {
    const components: MarkdownComponents = {
      CodeBlock: ({ code, lang }) => (
        <figure data-testid="brand-code">
          <figcaption>{lang}</figcaption>
          <pre>{code}</pre>
        </figure>
      ),
    };
    const screen = await render(<Markdown text={'```sh\nnpm i\n```'} components={components} />);
    await expect.element(screen.getByTestId('brand-code')).toHaveTextContent('shnpm i');
    expect(screen.container.querySelector('[data-slot="code-block-header"]')).toBeNull();
  });
});
