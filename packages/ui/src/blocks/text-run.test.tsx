import type { ChatMessage, ContentBlock } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { markdownRenderText } from '@chatstream/ui/markdown';
import { smoothRenderText } from '@chatstream/ui/smooth';
import { MessageContent } from '../message-content.tsx';
import { expectNoAxeViolations } from '../test/axe.ts';
import { CITATION_MARK } from './citation-marks.ts';
import { drawsCitationMarks, renderCitationMarks, withCitationMarks } from './citation-refs.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const notes = {
  type: 'char_location',
  cited_text: 'The grass is green.',
  document_index: 0,
  document_title: 'notes.txt',
};
const report = (start: number, end: number) => ({
  type: 'page_location',
  cited_text: `Revenue grew (page ${start}).`,
  document_index: 1,
  document_title: 'Annual report 2024.pdf',
  start_page_number: start,
  end_page_number: end,
});
const webb = {
  type: 'web_search_result_location',
  url: 'https://example.com/webb',
  title: 'Webb spots a galaxy',
  cited_text: 'the most distant galaxy yet',
};

const text = (value: string, citations?: object[]): ContentBlock =>
  citations ? { type: 'text', text: value, citations: citations as never } : { type: 'text', text: value };

/** How Claude sends a cited answer: the sentence split where each citation begins and ends. */
const cited: ContentBlock[] = [
  text('According to the documents: '),
  text('the grass is green', [notes]),
  text(', and '),
  text('revenue grew 12% in Q3', [report(5, 7), report(12, 13)]),
  text('; '),
  text('Webb saw the most distant galaxy', [webb]),
  text('.'),
];

const answer = (content: ContentBlock[], streamingFrom = content.length): ChatMessage => ({
  id: 'msg_1',
  role: 'assistant',
  content,
  status: streamingFrom < content.length ? 'streaming' : 'complete',
  blocks: content.map((_, index) => ({ streaming: index >= streamingFrom })),
});

const contentOf = (container: HTMLElement) =>
  container.querySelector('[data-slot="text-block-content"]') as HTMLElement;

describe('consecutive text blocks (a cited answer)', () => {
  it('reads as one sentence, with the numbers of its sources after each cited passage', async () => {
    const screen = await render(<MessageContent message={answer(cited)} />);
    expect(screen.container.querySelectorAll('[data-slot="text-block"]')).toHaveLength(1);
    expect(contentOf(screen.container).innerText).toBe(
      'According to the documents: the grass is green1, and revenue grew 12% in Q32; Webb saw the most distant galaxy3.',
    );
    const sources = screen.getByRole('list', { name: 'Sources' });
    expect(sources.element().querySelectorAll(':scope > li')).toHaveLength(3);
    // A PDF's entry says which pages are cited (the API's end page is exclusive).
    await expect.element(sources.getByText('· pp. 5–6, p. 12')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('opens its own source when the page holds another element of the same id (two Preact roots)', async () => {
    const screen = await render(<MessageContent message={answer(cited)} />);
    const button = screen.getByRole('button', { name: 'Source 2: Annual report 2024.pdf' });
    const own = screen.container.querySelector<HTMLElement>('[data-slot="text-block"] summary[id]');
    // Preact's useId counts again in each render root: another widget's entry, first in the page.
    const other = document.createElement('details');
    other.innerHTML = `<summary tabindex="0">Elsewhere</summary>`;
    other.firstElementChild!.id = own!.id.replace(/\d+$/, '2');
    document.body.prepend(other);
    try {
      await button.click();
      expect(other.open).toBe(false);
      expect((document.activeElement as HTMLElement).closest('[data-slot="text-block"]')).not.toBeNull();
      expect((document.activeElement!.parentElement as HTMLDetailsElement).open).toBe(true);
    } finally {
      other.remove();
    }
  });

  it('keeps markdown whole across the blocks: a list whose items carry citations stays one list', async () => {
    const content = [
      text('Findings:\n\n- **Colour**: '),
      text('the grass is green', [notes]),
      text('\n- **Growth**: '),
      text('*revenue grew.*', [report(5, 6)]),
      text(' Then it fell.'),
    ];
    const screen = await render(<MessageContent message={answer(content)} renderText={markdownRenderText} />);
    const lists = screen.container.querySelectorAll('[data-slot="markdown"] ul');
    expect(lists).toHaveLength(1);
    const items = [...lists[0]!.querySelectorAll(':scope > li')];
    expect(items.map((item) => (item as HTMLElement).innerText)).toEqual([
      'Colour: the grass is green1',
      'Growth: revenue grew.2 Then it fell.',
    ]);
    // The emphasis closed right before the mark still closes.
    expect(items[1]!.querySelector('em')?.textContent).toBe('revenue grew.');
    await expect
      .element(screen.getByRole('button', { name: 'Source 1: notes.txt' }))
      .toHaveAttribute('title', '“The grass is green.”');
  });

  it('opens a document source from its number and moves focus there', async () => {
    const screen = await render(<MessageContent message={answer(cited)} renderText={markdownRenderText} />);
    await screen.getByRole('button', { name: 'Source 2: Annual report 2024.pdf' }).click();
    const entry = document.activeElement as HTMLElement;
    expect(entry.tagName).toBe('SUMMARY');
    expect((entry.parentElement as HTMLDetailsElement).open).toBe(true);
    await expect.element(screen.getByText('Revenue grew (page 5).')).toBeVisible();
    await expect.element(screen.getByText('Revenue grew (page 12).')).toBeVisible();
    // A web source's number is a link to the page, like its entry.
    await expect
      .element(screen.getByRole('link', { name: 'Source 3: Webb spots a galaxy' }))
      .toHaveAttribute('href', 'https://example.com/webb');
    await expectNoAxeViolations(screen.container);
  });

  it('puts a mark after a cited passage once it is complete, not while it streams', async () => {
    const streaming = answer(cited.slice(0, 2), 1);
    const screen = await render(<MessageContent message={streaming} />);
    expect(contentOf(screen.container).innerText).toBe('According to the documents: the grass is green');
    await screen.rerender(<MessageContent message={answer(cited.slice(0, 3), 2)} />);
    expect(contentOf(screen.container).innerText).toBe(
      'According to the documents: the grass is green1, and ',
    );
  });

  it('hands a renderText that draws no marks the joined text as it is', async () => {
    const renderText = vi.fn<(value: string) => React.ReactNode>((value) => <p>{value}</p>);
    await render(<MessageContent message={answer(cited)} renderText={renderText} />);
    expect(renderText).toHaveBeenLastCalledWith(cited.map((block) => block['text']).join(''), false);
    expect(drawsCitationMarks(renderText)).toBe(false);
  });

  it('draws the marks in a renderText of your own marked with withCitationMarks, and through smoothRenderText', async () => {
    const own = withCitationMarks((value: string) => <p data-testid="own">{renderCitationMarks(value)}</p>);
    const screen = await render(<MessageContent message={answer(cited.slice(0, 3))} renderText={own} />);
    expect(screen.getByTestId('own').element().textContent).toBe(
      'According to the documents: the grass is green1, and ',
    );
    expect(drawsCitationMarks(smoothRenderText(markdownRenderText))).toBe(true);
    expect(drawsCitationMarks(smoothRenderText())).toBe(false);
  });

  it('shows text that holds the mark character itself as it is', async () => {
    const odd = [text(`Record ${CITATION_MARK}\uE000 separator: `), text('the grass is green', [notes])];
    const screen = await render(<MessageContent message={answer(odd)} renderText={markdownRenderText} />);
    expect(contentOf(screen.container).innerText).toBe(
      `Record ${CITATION_MARK}\uE000 separator: the grass is green`,
    );
    expect(screen.container.querySelector('[data-slot="citation-ref"]')).toBeNull();
    await expect.element(screen.getByRole('list', { name: 'Sources' })).toBeVisible();
  });

  it('never breaks block syntax: a cited code fence or table row gets its source in the list only', async () => {
    const content = [
      text('Run this:\n\n'),
      text('```sh\nnpm test\n```', [notes]),
      text('\n\nAfter the code.\n\n| a | b |\n| - | - |\n'),
      text('| 1 | 2 |', [webb]),
      text('\n\nThe end.'),
    ];
    const screen = await render(<MessageContent message={answer(content)} renderText={markdownRenderText} />);
    const markdown = screen.container.querySelector('[data-slot="markdown"]') as HTMLElement;
    expect(markdown.querySelector('code')?.textContent).toBe('npm test');
    expect([...markdown.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Run this:',
      'After the code.',
      'The end.',
    ]);
    expect(markdown.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(markdown.querySelector('[data-slot="citation-ref"]')).toBeNull();
    expect(
      screen.getByRole('list', { name: 'Sources' }).element().querySelectorAll(':scope > li'),
    ).toHaveLength(2);
  });

  it('draws the number after a link, never in it: a bare address, and a link whose text is cited', async () => {
    const content = [
      text('Details at '),
      text('https://example.com/page', [webb]),
      text(' and in '),
      text('[the notes', [notes]),
      text('](https://example.com/notes).'),
    ];
    const screen = await render(<MessageContent message={answer(content)} renderText={markdownRenderText} />);
    const links = [...screen.container.querySelectorAll('[data-slot="markdown"] a:not([data-slot])')];
    expect(links.map((link) => [link.getAttribute('href'), link.textContent])).toEqual([
      ['https://example.com/page', 'https://example.com/page'],
      ['https://example.com/notes', 'the notes'],
    ]);
    expect(screen.container.querySelectorAll('a [data-slot="citation-ref"]')).toHaveLength(0);
    expect(contentOf(screen.container).innerText).toBe(
      'Details at https://example.com/page 1 and in the notes2.',
    );
    await expectNoAxeViolations(screen.container);
  });

  it("leaves a person's text blocks, and an answer's uncited ones, apart as they were sent", async () => {
    const blocks = [text('Here is my essay:'), text('Once upon a time')];
    const user = await render(<MessageContent message={{ id: 'u', role: 'user', content: blocks }} />);
    expect(user.container.querySelectorAll('[data-slot="text-block"]')).toHaveLength(2);
    const uncited = await render(<MessageContent message={answer(blocks)} />);
    expect(uncited.container.querySelectorAll('[data-slot="text-block"]')).toHaveLength(2);
  });

  it('keeps code that holds the record separator character as it is', async () => {
    const odd = [text('```\n\u241E separates records\n```\n\nSee '), text('the notes', [notes])];
    const screen = await render(<MessageContent message={answer(odd)} renderText={markdownRenderText} />);
    expect(screen.container.querySelector('code')?.textContent).toBe('\u241E separates records');
  });
});
