import type { ChatMessage } from '@chatstream/reader';
// The browser build: this test runs in Chromium, and the default entry is Node's.
import { renderToString } from 'react-dom/server.browser';
import { afterEach, expect, it } from 'vitest';
import { ChatStream } from './chat-stream.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { installStyles } from './test/styles.ts';

installStyles();

afterEach(() => {
  document.body.replaceChildren();
});

const messages: ChatMessage[] = [
  { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Prices?' }] },
  {
    id: 'a1',
    role: 'assistant',
    status: 'complete',
    content: [{ type: 'text', text: '| Plan | Price |\n| :--: | ----: |\n| Pro | 20 |' }],
  },
];

it('lays out server-rendered HTML as intended where a Content-Security-Policy blocks its style attributes', () => {
  const html = renderToString(
    <ChatStream api="/api/chat" initialMessages={messages} renderText={markdownRenderText} />,
  );
  // What `style-src 'self'` does to server-rendered HTML: the attributes are there, and ignored.
  const host = document.createElement('div');
  host.innerHTML = html;
  for (const element of host.querySelectorAll('[style]')) element.removeAttribute('style');
  document.body.append(host);
  const announcer = host.querySelector('[data-slot="announcer"]')!;
  expect(announcer.getBoundingClientRect()).toMatchObject({ width: 1, height: 1 });
  const [plan, price] = host.querySelectorAll('th');
  expect(getComputedStyle(plan!).textAlign).toBe('center');
  expect(getComputedStyle(price!).textAlign).toBe('right');
});
