import { createHighlighterCoreSync } from '@shikijs/core';
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript';
import typescript from '@shikijs/langs/typescript';
import githubDark from '@shikijs/themes/github-dark';
import githubLight from '@shikijs/themes/github-light';
import { common, createLowlight } from 'lowlight';
import { refractor } from 'refractor/core';
import refractorTypescript from 'refractor/typescript';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { type HastNode, highlightFromHast } from './highlight-from-hast.tsx';
import { Markdown } from './markdown.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';
// oxlint-disable-next-line import/no-unassigned-import
import '../code-colors.css';

const lowlight = createLowlight(common);
const highlight = highlightFromHast((code, lang) =>
  lowlight.registered(lang) ? lowlight.highlight(lang, code) : undefined,
);

/** The text colour the page gives an element. */
const colour = (element: Element | null | undefined): string => getComputedStyle(element!).color;

const fenced = (lang: string, code: string): string => `\`\`\`${lang}\n${code}\n\`\`\``;

const text = (value: string): HastNode => ({ type: 'text', value });
const span = (properties: Record<string, unknown>, ...children: HastNode[]): HastNode => ({
  type: 'element',
  tagName: 'span',
  properties,
  children,
});

// Shiki with both GitHub themes: inline colours, the dark ones as `--shiki-dark` custom properties.
const shiki = createHighlighterCoreSync({
  themes: [githubLight, githubDark],
  langs: [typescript],
  engine: createJavaScriptRegexEngine(),
});
const highlightWithShiki = highlightFromHast((code, lang) =>
  shiki.getLoadedLanguages().includes(lang)
    ? shiki.codeToHast(code, { lang, themes: { light: 'github-light', dark: 'github-dark' } })
    : undefined,
);

/** Streams `count` lines of code line by line through a counting highlighter: the characters it highlighted, and the last render. */
function streamLines(count: number): { characters: number; last: ReactNode; shown: string } {
  let characters = 0;
  const counted = highlightFromHast((code, lang) => {
    characters += code.length;
    return lowlight.highlight(lang, code);
  });
  const code = Array.from({ length: count }, (_, line) => `const v${line} = "${line}"; // ${line}`).join(
    '\n',
  );
  let last: ReactNode;
  // Line by line, as it streams at full speed.
  for (let end = code.indexOf('\n'); end !== -1; end = code.indexOf('\n', end + 1)) {
    last = counted(code.slice(0, end + 4), 'ts', true);
  }
  return { characters, last, shown: code.slice(0, code.lastIndexOf('\n') + 4) };
}

describe('highlightFromHast', () => {
  it("renders lowlight's tree as spans with highlight.js classes, the code's text unchanged", async () => {
    const code = 'const greeting = "héllo 👋";\n// a comment\nconsole.log(greeting < 2);';
    const screen = await render(<Markdown text={fenced('ts', code)} highlight={highlight} />);
    const element = screen.container.querySelector('code')!;
    expect(element.textContent).toBe(code);
    expect(element.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(element.querySelector('.hljs-string')?.textContent).toBe('"héllo 👋"');
    expect(element.querySelector('.hljs-comment')?.textContent).toBe('// a comment');
  });

  it("takes refractor's (Prism's) tree too, and code-colors.css colours both class names alike", async () => {
    refractor.register(refractorTypescript);
    const prism = highlightFromHast((code, lang) =>
      refractor.registered(lang) ? refractor.highlight(code, lang) : undefined,
    );
    const code = 'const a = "x"; // note';
    const screen = await render(
      <>
        <Markdown text={fenced('ts', code)} highlight={prism} />
        <Markdown text={fenced('ts', code)} highlight={highlight} />
      </>,
    );
    const [prismCode, hljsCode] = screen.container.querySelectorAll('code');
    expect(prismCode!.textContent).toBe(code);
    expect(colour(prismCode!.querySelector('.token.keyword'))).toBe(
      colour(hljsCode!.querySelector('.hljs-keyword')),
    );
    expect(colour(prismCode!.querySelector('.token.string'))).toBe(
      colour(hljsCode!.querySelector('.hljs-string')),
    );
    expect(colour(prismCode!.querySelector('.token.comment'))).toBe(
      colour(hljsCode!.querySelector('.hljs-comment')),
    );
    expect(colour(prismCode!.querySelector('.token.keyword'))).not.toBe(colour(prismCode));
  });

  it('highlights a code block while it streams, an unterminated string included', async () => {
    const code = 'const open = "no closing quote';
    const screen = await render(<Markdown text={`\`\`\`js\n${code}`} streaming highlight={highlight} />);
    const block = screen.container.querySelector('[data-slot="code-block"]')!;
    expect(block.getAttribute('data-state')).toBe('streaming');
    expect(block.querySelector('code')?.textContent).toBe(code);
    expect(block.querySelector('.hljs-keyword')?.textContent).toBe('const');
  });

  it('shows the code as it is for a language the highlighter does not know', async () => {
    const code = 'sing a song';
    const screen = await render(<Markdown text={fenced('klingon', code)} highlight={highlight} />);
    const element = screen.container.querySelector('code')!;
    expect(element.textContent).toBe(code);
    expect(element.querySelector('span')).toBeNull();
  });

  it("takes Shiki's tree: inline colours and custom properties, without a second pre and code", async () => {
    const code = 'const a = "x";\nlet b;';
    const screen = await render(<Markdown text={fenced('ts', code)} highlight={highlightWithShiki} />);
    const block = screen.container.querySelector('[data-slot="code-block"]')!;
    expect(block.querySelectorAll('pre')).toHaveLength(1);
    expect(block.querySelectorAll('code')).toHaveLength(1);
    expect(block.querySelector('code')!.textContent).toBe(code);
    const lines = block.querySelectorAll('code > span.line');
    expect([...lines].map((line) => line.textContent)).toEqual(['const a = "x";', 'let b;']);
    const keyword = lines[0]!.firstElementChild as HTMLElement;
    expect(keyword.textContent).toBe('const');
    expect(getComputedStyle(keyword).color).toBe('rgb(215, 58, 73)');
    expect(keyword.style.getPropertyValue('--shiki-dark')).toBe('#F97583');
  });

  it('makes no element of anything but spans and line breaks: a link or a script in the tree gives its text only', async () => {
    const tree: HastNode = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'a',
          properties: { href: 'https://evil.example' },
          children: [text('x')],
        },
        { type: 'element', tagName: 'script', properties: {}, children: [text('y')] },
        { type: 'element', tagName: 'br' },
        { type: 'comment', value: 'ignored' },
        span({ className: ['hljs-number'] }, text('1')),
      ],
    };
    const screen = await render(
      <Markdown text={fenced('ts', 'xy1')} highlight={highlightFromHast(() => tree)} />,
    );
    const element = screen.container.querySelector('code')!;
    expect(element.innerHTML).toBe('xy<br><span class="hljs-number">1</span>');
  });
});

describe('highlightFromHast while a code block streams', () => {
  const lines = ['const a = 1;', 'const b = "two";', '/* a comment */', 'const c = a + b;'];

  /** Streams `lines` into a code block a few characters per render; what `toHast` was asked. */
  async function stream(): Promise<{ asked: string[]; code: Element }> {
    const asked: string[] = [];
    const counted = highlightFromHast((code, lang) => {
      asked.push(code);
      return lowlight.highlight(lang, code);
    });
    const whole = lines.join('\n');
    const screen = await render(<Markdown text={'```ts\n'} streaming highlight={counted} />);
    for (let end = 3; end < whole.length; end += 3) {
      await screen.rerender(
        <Markdown text={`\`\`\`ts\n${whole.slice(0, end)}`} streaming highlight={counted} />,
      );
    }
    await screen.rerender(<Markdown text={fenced('ts', whole)} highlight={counted} />);
    return { asked, code: screen.container.querySelector('code')! };
  }

  it('highlights each complete line once per line, the line being written on its own', async () => {
    const { asked } = await stream();
    const withLines = asked.filter((code) => code.includes('\n') && code !== lines.join('\n'));
    // Once per prefix of complete lines: one, two, then three lines.
    expect(withLines).toEqual([1, 2, 3].map((count) => `${lines.slice(0, count).join('\n')}\n`));
    // The rest were the line being written, alone, and the whole code once complete.
    expect(asked.filter((code) => !withLines.includes(code) && code.includes('\n'))).toEqual([
      lines.join('\n'),
    ]);
  });

  it('keeps the lines of several blocks streaming at once, each highlighted once per line', () => {
    const asked: string[] = [];
    const counted = highlightFromHast((code, lang) => {
      asked.push(code);
      return lowlight.highlight(lang, code);
    });
    const columns = ['a', 'b', 'c'].map((name) =>
      lines.map((line) => line.replace(/\b[abc]\b/g, name)).join('\n'),
    );
    for (let end = 1; end <= columns[0]!.length; end++) {
      for (const column of columns) void counted(column.slice(0, end), 'ts', true);
    }
    const withLines = asked.filter((code) => code.includes('\n'));
    expect(withLines).toHaveLength(3 * (lines.length - 1));
    expect(new Set(withLines).size).toBe(withLines.length);
  });

  it('highlights a long block as it streams in work that grows with its length, not its square, the code unchanged', async () => {
    const short = streamLines(640);
    const long = streamLines(1280);
    // Twice the lines: about twice the work (all of them again at each line was four times).
    expect(long.characters / short.characters).toBeLessThan(2.5);
    const screen = await render(<code>{long.last}</code>);
    expect(screen.container.textContent).toBe(long.shown);
    expect(screen.container.querySelectorAll('.hljs-string').length).toBeGreaterThan(1000);
  });

  it('ends as the whole code highlighted at once: the same elements as a block that never streamed', async () => {
    const { code } = await stream();
    const settled = await render(<Markdown text={fenced('ts', lines.join('\n'))} highlight={highlight} />);
    expect(code.innerHTML).toBe(settled.container.querySelector('code')!.innerHTML);
    expect(code.textContent).toBe(lines.join('\n'));
  });
});
