import type { ChatMessage } from '@chatstream/reader';
import { createElement, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
// The browser build: this test runs in Chromium, and the default entry is Node's.
import { renderToString } from 'react-dom/server.browser';
import { expect, it, onTestFinished, vi } from 'vitest';
import { attachmentRenderers } from './attachments/index.ts';
import { ChatStream, type ChatStreamProps } from './chat-stream.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { installStyles } from './test/styles.ts';

installStyles();

const PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A restored conversation with every kind of block, its last answer cut off by an error. */
const messages = [
  {
    id: 'u1',
    role: 'user',
    content: [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'Notes' },
        title: 'notes.md',
      },
      { type: 'text', text: 'Hi **there**, שלום' },
    ],
  },
  {
    id: 'a1',
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'The user greets me.', signature: 'sig' },
      {
        type: 'text',
        text: '# Title\n\n| a | b |\n|-|-|\n| 1 | 2 |\n\n```js\nx\n```\n\n![chart](https://elsewhere.example/a.png) [link](https://a.example)',
      },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
    toolCalls: { toolu_1: { status: 'awaiting-approval' } },
  },
] as unknown as ChatMessage[];

it('renders on a server and hydrates in the browser without a mismatch (a Next.js page does both)', async () => {
  const props: ChatStreamProps = {
    api: '/api/chat',
    initialMessages: messages,
    renderText: markdownRenderText,
    renderers: attachmentRenderers,
    showStats: true,
    suggestions: ['Hello'],
  };
  const app = createElement(StrictMode, null, createElement(ChatStream, props));
  const container = document.createElement('div');
  container.innerHTML = renderToString(app);
  document.body.append(container);
  onTestFinished(() => container.remove());
  expect(container.querySelector('[data-slot="tool-use-block"]')).not.toBeNull();

  const problems: unknown[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => problems.push(args));
  onTestFinished(() => {
    vi.restoreAllMocks();
  });
  const root = hydrateRoot(container, app, { onRecoverableError: (error) => problems.push(error) });
  onTestFinished(() => root.unmount());
  await expect
    .poll(() => container.querySelector('[data-slot="image-block"]')?.getAttribute('data-state'))
    .toBe('loaded');
  expect(problems).toEqual([]);
});

it('renders on a server without a random value or the time, which a Next.js prerender refuses', () => {
  const sources = [
    vi.spyOn(Math, 'random'),
    vi.spyOn(Date, 'now'),
    vi.spyOn(crypto, 'randomUUID'),
    vi.spyOn(crypto, 'getRandomValues'),
  ];
  onTestFinished(() => {
    vi.restoreAllMocks();
  });
  renderToString(createElement(ChatStream, { api: '/api/chat', showStats: true }));
  renderToString(
    createElement(ChatStream, {
      api: '/api/chat',
      initialMessages: messages,
      renderText: markdownRenderText,
    }),
  );
  for (const source of sources) expect(source).not.toHaveBeenCalled();
});

/** Server HTML of `app`, hydrated in a container; returns the container and every empty state added to it. */
function hydrate(app: ReturnType<typeof createElement>) {
  const container = document.createElement('div');
  container.innerHTML = renderToString(app);
  const serverHadWelcome = container.querySelector('[data-slot="empty-state"]') !== null;
  document.body.append(container);
  const welcomes: Node[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (
          node instanceof Element &&
          node.matches('[data-slot="empty-state"], :has([data-slot="empty-state"])')
        )
          welcomes.push(node);
      }
    }
  });
  observer.observe(container, { childList: true, subtree: true });
  const root = hydrateRoot(container, app);
  onTestFinished(() => {
    observer.disconnect();
    root.unmount();
    container.remove();
  });
  return { container, serverHadWelcome, welcomes };
}

it('shows no welcome before a saved conversation is read, so it never flashes in front of it', async () => {
  sessionStorage.setItem(
    'flash-check',
    JSON.stringify({
      messages: [
        { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hello again' }] },
      ],
    }),
  );
  onTestFinished(() => sessionStorage.removeItem('flash-check'));
  const { container, serverHadWelcome, welcomes } = hydrate(
    createElement(ChatStream, { api: '/api/chat', persist: 'flash-check' }),
  );
  await expect.poll(() => container.textContent).toContain('Hello again');
  expect(serverHadWelcome).toBe(false);
  expect(welcomes).toEqual([]);
});

it('shows the welcome once hydrated when nothing was saved', async () => {
  const { container } = hydrate(createElement(ChatStream, { api: '/api/chat', persist: 'nothing-saved' }));
  await expect.poll(() => container.querySelector('[data-slot="empty-state"]')).not.toBeNull();
});
