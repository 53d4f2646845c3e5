import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { Markdown } from './markdown.tsx';
import { markdownRenderText } from './markdown-render-text.tsx';

// A few KB a prompt injection can make a model write: drawn as elements, they overflowed the stack,
// React unmounted the whole page, and a saved conversation crashed it again on every reload.
const DEEP: Record<string, string> = {
  list: `${'- '.repeat(1500)}x`,
  quote: `${'> '.repeat(5000)}x`,
  'quote without spaces': `${'>'.repeat(10_000)} x`,
  'ordered list': `${'1. '.repeat(3000)}x`,
};

const paragraphs = (container: HTMLElement) =>
  [...container.querySelectorAll('p')].map((paragraph) => paragraph.textContent);

describe('Markdown nested thousands deep', () => {
  it.each(Object.entries(DEEP))('shows a %s as the text it is, whole or streaming', async (_, deep) => {
    const text = `# Before\n\n${deep}\n\n- after`;
    for (const streaming of [false, true]) {
      const screen = await render(<Markdown text={text} streaming={streaming} />);
      await expect.element(screen.getByRole('heading', { name: 'Before' })).toBeVisible();
      expect(
        screen
          .getByRole('listitem')
          .elements()
          .map((item) => item.textContent),
      ).toEqual(['after']);
      expect(paragraphs(screen.container)).toEqual([deep]);
      await screen.unmount();
    }
  });

  it('renders such a block while it streams in, and once complete', async () => {
    const deep = `${'> '.repeat(3000)}x`;
    const text = `Intro\n\n${deep}\n\nAfter`;
    const screen = await render(<>{markdownRenderText('', true)}</>);
    for (let end = 0; end < text.length; end += 97) {
      await screen.rerender(<>{markdownRenderText(text.slice(0, end), true)}</>);
    }
    await screen.rerender(<>{markdownRenderText(text, false)}</>);
    expect(paragraphs(screen.container)).toEqual(['Intro', deep, 'After']);
  });
});
