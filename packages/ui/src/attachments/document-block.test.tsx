import type { ChatMessage, ContentBlock, DocumentBlock as DocumentContentBlock } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { MessageContent } from '../message-content.tsx';
import { expectNoAxeViolations } from '../test/axe.ts';
import { attachmentRenderers } from './attachment-renderers.ts';
import { DocumentBlock } from './document-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

function renderDocument(block: unknown, extra: Record<string, unknown> = {}) {
  const message: ChatMessage = { id: 'u', role: 'user', content: [block as ContentBlock] };
  return render(
    <div>
      <DocumentBlock
        block={block as DocumentContentBlock}
        index={0}
        message={message}
        progress={undefined}
        {...extra}
      />
    </div>,
  );
}

const root = (container: HTMLElement) =>
  container.querySelector<HTMLElement>('[data-slot="document-block"]')!;
const chipText = (container: HTMLElement) =>
  container.querySelector('[data-slot="document-block-chip"]')?.textContent ?? '';

/** Base64 of `bytes` zero bytes, with its padding. */
const base64Of = (bytes: number): string => btoa('\0'.repeat(bytes));

describe('DocumentBlock', () => {
  it('shows a PDF as a chip with its title, kind and size, and never its data', async () => {
    const data = base64Of(210 * 1024);
    const screen = await renderDocument(
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data },
        title: 'report.pdf',
      },
      { className: 'mine', id: 'doc' },
    );
    await expect.element(screen.getByText('report.pdf')).toBeVisible();
    await expect.element(screen.getByText('PDF · 210 KB')).toBeVisible();
    expect(root(screen.container).dataset['state']).toBe('unavailable');
    expect(root(screen.container).dataset['kind']).toBe('pdf');
    expect(root(screen.container).className).toBe('mine');
    expect(root(screen.container).id).toBe('doc');
    expect(screen.container.querySelector('details, summary, button, a')).toBeNull();
    expect(screen.container.innerHTML).not.toContain(data.slice(0, 64));
    await expectNoAxeViolations(screen.container);
  });

  it('names an untitled PDF and sizes it in bytes, KB or MB', async () => {
    for (const [bytes, details] of [
      [811, 'PDF · 811 bytes'],
      [812, 'PDF · 812 bytes'],
      [813, 'PDF · 813 bytes'],
      [4.2 * 1024 * 1024, 'PDF · 4.2 MB'],
      [23 * 1024 * 1024, 'PDF · 23 MB'],
    ] as const) {
      const screen = await renderDocument({
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: base64Of(bytes) },
      });
      expect(chipText(screen.container)).toBe(`PDF document${details}`);
      await screen.unmount();
    }
  });

  it('opens a text document to read it, and only then puts its text in the page', async () => {
    const onToggle = vi.fn<(event: Event) => void>();
    const text = 'Meeting notes\n\n- ship attachments 📎\n- review';
    const screen = await renderDocument(
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, title: 'notes.md' },
      { onToggle },
    );
    const details = root(screen.container) as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.dataset['state']).toBe('closed');
    expect(chipText(screen.container)).toBe('notes.mdText · 44 characters');
    expect(screen.container.querySelector('[data-slot="document-block-content"]')).toBeNull();
    await expectNoAxeViolations(screen.container);

    await userEvent.click(screen.getByText('notes.md'));
    await expect.poll(() => details.dataset['state']).toBe('open');
    const content = screen.container.querySelector('[data-slot="document-block-content"]');
    expect(content?.textContent).toBe(text);
    // It scrolls by itself: named for the keyboard user who lands on it.
    await expect.element(screen.getByRole('group', { name: 'notes.md' })).toHaveAttribute('tabindex', '0');
    expect(onToggle).toHaveBeenCalled();
    await expectNoAxeViolations(screen.container);

    await userEvent.click(screen.getByText('notes.md'));
    await expect.poll(() => details.dataset['state']).toBe('closed');
    expect(screen.container.querySelector('[data-slot="document-block-content"]')).toBeNull();
  });

  it('reads a content source, as a string or as text blocks', async () => {
    for (const content of [
      'First part\n\nSecond part',
      [
        { type: 'text', text: 'First part' },
        { type: 'image', source: { type: 'file', file_id: 'file_1' } },
        { type: 'text', text: 'Second part' },
      ],
    ]) {
      const screen = await renderDocument({ type: 'document', source: { type: 'content', content } });
      expect(chipText(screen.container)).toBe('Text documentText · 23 characters');
      await userEvent.click(screen.getByText('Text document'));
      await expect
        .poll(() => screen.container.querySelector('[data-slot="document-block-content"]')?.textContent)
        .toBe('First part\n\nSecond part');
      await screen.unmount();
    }
  });

  it('links a URL document to its http(s) address in a new tab, named by its domain', async () => {
    const url = 'https://www.example.com/papers/attention.pdf';
    const screen = await renderDocument({ type: 'document', source: { type: 'url', url } });
    const link = screen.getByRole('link', { name: 'example.com' });
    await expect.element(link).toHaveAttribute('href', url);
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(screen.getByText('Link', { exact: true })).toBeVisible();
    expect(root(screen.container).dataset['kind']).toBe('url');
    await expectNoAxeViolations(screen.container);

    await screen.rerender(
      <DocumentBlock
        block={{ type: 'document', source: { type: 'url', url }, title: 'Attention' }}
        index={0}
        message={{ id: 'u', role: 'user', content: [] }}
        progress={undefined}
      />,
    );
    await expect.element(screen.getByRole('link', { name: 'Attention' })).toHaveAttribute('href', url);
    await expect.element(screen.getByText('Link · example.com')).toBeVisible();
  });

  it('never links a URL that is not http(s)', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', '//example.com/a.pdf', 42]) {
      const screen = await renderDocument({ type: 'document', source: { type: 'url', url } });
      expect(screen.container.querySelector('a, [href], [src]')).toBeNull();
      expect(chipText(screen.container)).toBe('DocumentLink not shown');
      await screen.unmount();
    }
  });

  it('says what a Files API document is and requests nothing', async () => {
    const screen = await renderDocument({
      type: 'document',
      source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' },
      title: 'contract.pdf',
    });
    expect(chipText(screen.container)).toBe('contract.pdfUploaded file');
    expect(root(screen.container).dataset['kind']).toBe('file');
    expect(screen.container.querySelector('a, [href], [src]')).toBeNull();
    await expectNoAxeViolations(screen.container);
  });

  it('never throws on a malformed block', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'document' }, 'DocumentDocument'],
      [{ type: 'document', source: null, title: 42 }, 'DocumentDocument'],
      [{ type: 'document', source: 'JVBERi0', title: '  ' }, 'DocumentDocument'],
      [{ type: 'document', source: { type: 'base64', data: 7 } }, 'PDF documentPDF'],
      [{ type: 'document', source: { type: 'text', data: null } }, 'Text documentText · 0 characters'],
      [
        { type: 'document', source: { type: 'content', content: [null, 3, { type: 'text' }] } },
        'Text documentText · 0 characters',
      ],
      [{ type: 'document', source: { type: 'future', id: 'x' }, title: 'later.bin' }, 'later.binDocument'],
      [null, 'DocumentDocument'],
    ];
    for (const [block, text] of cases) {
      const screen = await renderDocument(block);
      expect(chipText(screen.container)).toBe(text);
      await screen.unmount();
    }
  });
});

describe('attachmentRenderers', () => {
  it('draws the images and documents of a user message in MessageContent, without their base64', async () => {
    const pdf = base64Of(3000);
    const message: ChatMessage = {
      id: 'u',
      role: 'user',
      content: [
        { type: 'image', source: { type: 'file', file_id: 'file_1' } },
        {
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: pdf },
          title: 'a.pdf',
        },
        { type: 'text', text: 'What is in these?' },
      ],
    };
    const screen = await render(<MessageContent message={message} renderers={attachmentRenderers} />);
    expect(screen.container.querySelector('[data-slot="image-block"]')).not.toBeNull();
    await expect.element(screen.getByText('a.pdf')).toBeVisible();
    await expect.element(screen.getByText('What is in these?')).toBeVisible();
    expect(screen.container.querySelector('[data-slot="fallback-block"]')).toBeNull();
    expect(screen.container.innerHTML).not.toContain(pdf.slice(0, 64));
    await expectNoAxeViolations(screen.container);
  });
});
