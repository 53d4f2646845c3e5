import type { ChatMessage } from '@chatstream/reader';
import { afterAll, afterEach, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { installStyles } from './test/styles.ts';

installStyles();

// What pages put around an app: Vite's starter centres `#root`, and many a site's stylesheet makes
// every `code` a padded, bordered box. Added after ours, as a page's own stylesheet usually is.
const page = document.createElement('style');
page.textContent = `
  #root { text-align: center; }
  code { display: inline-flex; padding: 4px 8px; border: 2px solid rgb(255, 0, 0); background: rgb(255, 0, 0); }
`;
document.head.append(page);

afterEach(() => {
  document.querySelector('#root')?.remove();
});

afterAll(() => {
  page.remove();
});

const answer: ChatMessage[] = [
  { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Show me' }] },
  {
    id: 'a1',
    role: 'assistant',
    status: 'complete',
    content: [{ type: 'text', text: 'Here it is:\n\n```ts\nconst answer = 42;\n```\n\nThat is all.' }],
  },
];

/** Renders a chat with one markdown answer inside the page's `#root`, beside a paragraph and code of the page's own. */
async function renderInPage(): Promise<HTMLElement> {
  const root = document.createElement('div');
  root.id = 'root';
  root.innerHTML = '<p data-testid="page-text">The page</p><code data-testid="page-code">x</code>';
  document.body.append(root);
  const chat = document.createElement('div');
  root.append(chat);
  await render(<ChatStream initialMessages={answer} renderText={markdownRenderText} />, { container: chat });
  return root;
}

it('keeps a page’s centred text and its `code` boxes out of the answers and their code blocks', async () => {
  const root = await renderInPage();
  // The page's rules are in force around the chat.
  expect(getComputedStyle(root.querySelector('[data-testid="page-text"]')!).textAlign).toBe('center');
  expect(getComputedStyle(root.querySelector('[data-testid="page-code"]')!).display).toBe('inline-flex');

  const paragraph = [...root.querySelectorAll<HTMLElement>('[data-slot="markdown"] p')].find(
    (element) => element.textContent === 'Here it is:',
  )!;
  expect(getComputedStyle(paragraph).textAlign).toBe('start');

  const code = getComputedStyle(root.querySelector('[data-slot="code-block"] pre > code')!);
  expect({
    display: code.display,
    padding: code.padding,
    border: code.borderTopWidth,
    background: code.backgroundColor,
  }).toEqual({ display: 'inline', padding: '0px', border: '0px', background: 'rgba(0, 0, 0, 0)' });
  // The code block keeps its own box and font: the pre's padding and mono font, the block's background.
  const pre = getComputedStyle(root.querySelector('[data-slot="code-block"] pre')!);
  expect(pre.padding).toBe('12px');
  expect(code.fontFamily).toBe(pre.fontFamily);
  expect(code.fontFamily).not.toBe('monospace');
  expect(getComputedStyle(root.querySelector('[data-slot="code-block"]')!).backgroundColor).not.toBe(
    'rgb(255, 0, 0)',
  );
});
