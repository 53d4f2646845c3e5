import { scenarios } from '@chatstream/mocks';
import { Fragment } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { Citations } from './citations.tsx';
import { findSnapshot, snapshotsOf, toChatMessage } from './test/message-snapshots.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const slot = (container: HTMLElement, name: string) => container.querySelector(`[data-slot="${name}"]`);

describe('TextBlock', () => {
  it('shows the text with a cursor while it streams, and without once complete', async () => {
    const snapshots = await snapshotsOf(scenarios.basic);
    const mid = findSnapshot(
      snapshots,
      (s) => s.blocks[0]?.streaming === true && String(s.message.content[0]?.['text']).length > 5,
    );
    const screen = await renderBlock(toChatMessage(mid), 0);
    const root = slot(screen.container, 'text-block') as HTMLElement;
    expect(root.dataset['state']).toBe('streaming');
    expect(slot(screen.container, 'streaming-cursor')).not.toBeNull();
    expect(root.textContent).toBe(mid.message.content[0]?.['text']);
    await expectNoAxeViolations(screen.container);

    const last = snapshots.at(-1)!;
    await screen.rerender(<div>{blockElement(toChatMessage(last), 0)}</div>);
    expect(root.dataset['state']).toBe('complete');
    expect(slot(screen.container, 'streaming-cursor')).toBeNull();
    await expect.element(screen.getByText("Hello! I'm Claude. How can I help you today?")).toBeVisible();
  });

  it('drops the cursor when the stream failed or was stopped with the block still open', async () => {
    const snapshots = await snapshotsOf(scenarios.basic);
    const mid = findSnapshot(snapshots, (s) => s.blocks[0]?.streaming === true);
    const screen = await renderBlock(toChatMessage(mid, 'error'), 0, { renderText: (text) => text });
    expect((slot(screen.container, 'text-block') as HTMLElement).dataset['state']).toBe('complete');
    expect(slot(screen.container, 'streaming-cursor')).toBeNull();
  });

  it('keeps line breaks of plain text', async () => {
    const snapshots = await snapshotsOf(scenarios.stopSequence);
    const screen = await renderBlock(toChatMessage(snapshots.at(-1)!), 0);
    const content = slot(screen.container, 'text-block-content') as HTMLElement;
    // One element per line (only the last one changes while streaming); the rendered text keeps the break.
    expect(content.innerText).toBe('Q: What is 2 + 2?\nA: 4');
    expect(content.querySelectorAll('[data-slot="text-line"]')).toHaveLength(2);
    expect(getComputedStyle(content).whiteSpace).toBe('pre-wrap');
    expect(content.getBoundingClientRect().height).toBeGreaterThan(
      Number.parseFloat(getComputedStyle(content).fontSize) * 1.5,
    );
  });

  it('uses renderText with the streaming flag when given', async () => {
    const snapshots = await snapshotsOf(scenarios.longAnswer);
    const mid = findSnapshot(snapshots, (s) => s.blocks[0]?.streaming === true);
    const renderText = vi.fn<(text: string, streaming: boolean) => React.ReactNode>((text, streaming) => (
      <strong>{`${streaming}:${text.length}`}</strong>
    ));
    const screen = await renderBlock(toChatMessage(mid), 0, { renderText });
    const text = mid.message.content[0]?.['text'] as string;
    expect(renderText).toHaveBeenLastCalledWith(text, true);
    await expect.element(screen.getByText(`true:${text.length}`)).toBeVisible();
    await screen.rerender(
      <div>
        {blockElement(toChatMessage(snapshots.at(-1)!), 0, { renderText, className: 'mine', id: 'answer' })}
      </div>,
    );
    expect(renderText).toHaveBeenLastCalledWith(scenarios.longAnswer.expectedText, false);
    const root = slot(screen.container, 'text-block') as HTMLElement;
    expect(root.className).toBe('mine');
    expect(root.id).toBe('answer');
  });

  it('lists the web search citations as numbered links with the cited text on hover', async () => {
    const snapshots = await snapshotsOf(scenarios.webSearch);
    const message = toChatMessage(snapshots.at(-1)!);
    const index = message.content.findIndex(
      (block) => block.type === 'text' && Array.isArray(block['citations']),
    );
    const screen = await renderBlock(message, index);
    const sources = screen.getByRole('list', { name: 'Sources' });
    await expect.element(sources).toBeVisible();
    const link = sources.getByRole('link', { name: /Webb spots a distant galaxy/ });
    await expect.element(link).toHaveAttribute('href', 'https://example.com/webb-galaxy');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(link).toHaveAttribute('title', expect.stringContaining('most distant galaxies'));
    expect(sources.element().querySelector('[data-slot="citation-number"]')?.textContent).toBe('1');
    await expectNoAxeViolations(screen.container);
  });
});

/** A web search citation of a page named `title`. */
const cite = (title: string) => ({
  type: 'web_search_result_location',
  url: `https://${title}.example/`,
  title,
  cited_text: title,
});

describe('Citations', () => {
  it('merges citations of one source, names documents and never links unsafe URLs', async () => {
    const screen = await render(
      <Citations
        citations={[
          { type: 'web_search_result_location', url: 'https://a.example/x', title: 'A', cited_text: 'one' },
          { type: 'web_search_result_location', url: 'https://a.example/x', title: 'A', cited_text: 'two' },
          { type: 'char_location', document_title: 'Report.pdf', document_index: 0, cited_text: 'three' },
          { type: 'web_search_result_location', url: 'javascript:alert(1)', title: 'Evil', cited_text: 'x' },
        ]}
      />,
    );
    const items = screen.getByRole('listitem').all();
    expect(items).toHaveLength(3);
    await expect.element(screen.getByRole('link', { name: /^A/ })).toHaveAttribute('title', '“one”\n“two”');
    await expect.element(screen.getByText('Report.pdf')).toBeVisible();
    expect(screen.getByRole('link').all()).toHaveLength(1);
    await expectNoAxeViolations(screen.container);
  });

  it('numbers sources across the message, so one source keeps its number in every block', async () => {
    const content = [
      { type: 'text', text: 'One.', citations: [cite('a')] },
      { type: 'text', text: 'Two.', citations: [cite('b'), cite('a')] },
      { type: 'text', text: 'Three.', citations: [cite('c')] },
    ];
    const numbers = () =>
      [...screen.container.querySelectorAll('[data-slot="citation-number"]')].map(
        (number) => number.textContent,
      );
    const screen = await render(<Citations citations={content[1]!.citations} messageContent={content} />);
    expect(numbers()).toEqual(['2', '1']);
    await screen.rerender(<Citations citations={content[2]!.citations} messageContent={content} />);
    expect(numbers()).toEqual(['3']);
    const restored = [{ type: 'text', text: 'Odd.', citations: [null, 'x'] }, ...content];
    await screen.rerender(<Citations citations={content[2]!.citations} messageContent={restored} />);
    expect(numbers()).toEqual(['3']);
    await screen.rerender(<Citations citations={content[2]!.citations} />);
    expect(numbers()).toEqual(['1']);
  });

  it('numbers the second source of a web search answer 2, in its own block', async () => {
    const message = toChatMessage((await snapshotsOf(scenarios.webSearch)).at(-1)!);
    const cited = message.content.flatMap((block, index) =>
      block.type === 'text' && Array.isArray(block['citations']) ? [index] : [],
    );
    expect(cited).toHaveLength(2);
    const screen = await render(
      <div>
        {cited.map((index) => (
          <Fragment key={index}>{blockElement(message, index)}</Fragment>
        ))}
      </div>,
    );
    const numbers = [...screen.container.querySelectorAll('[data-slot="citation-number"]')];
    expect(numbers.map((number) => number.textContent)).toEqual(['1', '2']);
  });

  it('renders nothing without citations', async () => {
    const screen = await render(<Citations citations={null} />);
    expect(screen.container.innerHTML).toBe('');
  });
});
