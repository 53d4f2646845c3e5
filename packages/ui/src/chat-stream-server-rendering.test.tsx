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
