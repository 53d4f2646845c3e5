import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { installStyles } from '../test/styles.ts';
import { GROUP_SIZE } from './lex-incremental.ts';
import { Markdown } from './markdown.tsx';

installStyles();

const margins = (element: Element) => {
  const style = getComputedStyle(element);
  return { top: style.marginBlockStart, bottom: style.marginBlockEnd };
};

/** `count` paragraphs, with a heading in place of the one at `headingAt`. */
function blocks(count: number, headingAt: number): string {
  return Array.from({ length: count }, (_, index) =>
    index === headingAt ? `## Heading ${index}` : `Paragraph ${index}.`,
  ).join('\n\n');
}

describe('Markdown spacing', () => {
  it('trims the space above the first block and below the last, and keeps it between blocks', async () => {
    const screen = await render(<Markdown text={'# Title\n\nText.\n\n- one\n- two'} />);
    const title = screen.getByRole('heading', { name: 'Title' }).element();
    const list = screen.getByRole('list').element();
    expect(margins(title).top).toBe('0px');
    expect(margins(list).bottom).toBe('0px');
    expect(margins(screen.getByText('Text.').element()).bottom).not.toBe('0px');
  });

  it('keeps the space around blocks where one group of blocks meets the next', async () => {
    // The heading opens the second group: its space above stays, as does the space below the
    // paragraph that ends the first.
    const screen = await render(<Markdown text={blocks(GROUP_SIZE + 4, GROUP_SIZE)} />);
    const heading = screen.getByRole('heading', { name: `Heading ${GROUP_SIZE}` }).element();
    const before = screen.getByText(`Paragraph ${GROUP_SIZE - 1}.`).element();
    expect(heading.parentElement).not.toBe(before.parentElement);
    expect(margins(heading).top).not.toBe('0px');
    expect(margins(before).bottom).not.toBe('0px');
    expect(margins(screen.getByText(`Paragraph ${GROUP_SIZE + 3}.`).element()).bottom).toBe('0px');
  });

  it('gives the last block of a streaming answer its space back once a block follows it', async () => {
    const screen = await render(<Markdown text={'First.'} streaming />);
    expect(margins(screen.getByText('First.').element()).bottom).toBe('0px');
    await screen.rerender(<Markdown text={'First.\n\nSecond.'} streaming />);
    expect(margins(screen.getByText('First.').element()).bottom).not.toBe('0px');
    expect(margins(screen.getByText('Second.').element()).bottom).toBe('0px');
  });
});
