import type { ChatMessage } from '@chatstream/reader';
import { afterEach, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';
import css from './styles.css?inline';

// A widget embedded in other sites renders into a shadow root, its stylesheet inside it: the page's
// CSS stays out, and the stylesheet's variables must still reach the parts.

const cited: ChatMessage[] = [
  { id: 'u1', role: 'user', content: [{ type: 'text', text: 'What colour is grass?' }] },
  {
    id: 'a1',
    role: 'assistant',
    status: 'complete',
    content: [
      { type: 'text', text: 'According to the notes, ' },
      {
        type: 'text',
        text: 'the grass is green',
        citations: [
          {
            type: 'char_location',
            cited_text: 'The grass is green.',
            document_index: 0,
            document_title: 'notes.txt',
          },
        ] as never,
      },
      { type: 'text', text: '.' },
    ],
  },
];

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
});

/** A host element on a page with hostile global CSS, and a shadow root holding the stylesheet. */
function widgetRoot(theme?: 'dark'): { shadow: ShadowRoot; container: HTMLElement } {
  const host = document.createElement('div');
  if (theme) host.dataset['theme'] = theme;
  host.style.cssText = 'display:block;block-size:480px';
  document.body.append(host);
  hosts.push(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  container.style.blockSize = '100%';
  shadow.append(style, container);
  return { shadow, container };
}

it('is styled inside a shadow root: fonts, colours and the composer from the stylesheet', async () => {
  const { shadow, container } = widgetRoot();
  await render(<ChatStream initialMessages={cited} style={{ blockSize: '100%' }} />, { container });
  const chat = shadow.querySelector<HTMLElement>('[data-slot="chat-stream"]')!;
  const style = getComputedStyle(chat);
  expect(style.fontFamily).toContain('system-ui');
  expect(style.backgroundColor).toBe('rgb(250, 249, 245)');
  const box = shadow.querySelector<HTMLElement>('[data-slot="composer"]')!;
  expect(getComputedStyle(box).borderTopStyle).toBe('solid');
});

it('takes a dark theme set on the host element, with the rest of the palette', async () => {
  const { shadow, container } = widgetRoot('dark');
  await render(<ChatStream initialMessages={cited} style={{ blockSize: '100%' }} />, { container });
  const chat = shadow.querySelector<HTMLElement>('[data-slot="chat-stream"]')!;
  const style = getComputedStyle(chat);
  expect(style.backgroundColor).toBe('rgb(38, 38, 36)');
  expect(style.fontFamily).toContain('system-ui');
});

it('opens a document source from its number inside the shadow root, focus with it', async () => {
  const { shadow, container } = widgetRoot();
  await render(<ChatStream initialMessages={cited} style={{ blockSize: '100%' }} />, { container });
  shadow.querySelector<HTMLButtonElement>('button[data-slot="citation-ref"]')!.click();
  const entry = shadow.activeElement as HTMLElement;
  expect(entry.tagName).toBe('SUMMARY');
  expect((entry.parentElement as HTMLDetailsElement).open).toBe(true);
});
