import type { ChatMessage, DocumentBlock as DocumentContentBlock } from '@chatstream/reader';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { MessageContent } from '../message-content.tsx';
import { Message } from '../message.tsx';
import { attachmentRenderers } from './attachment-renderers.ts';
import { DocumentBlock } from './document-block.tsx';

const meta = preview.meta({ component: DocumentBlock, title: 'Blocks/DocumentBlock' });

/** Base64 standing for `bytes` bytes of a PDF (its size is all the chip reads). */
const pdfData = (bytes: number): string => 'JVBERi0xLjcK'.padEnd(Math.ceil(bytes / 3) * 4, 'A');

const notes = `# Launch checklist

- Attachments: images and PDFs in the composer
- Renderers in @chatstream/ui/attachments
- Size budget: the main entry stays under 10 kB

Open questions: drag and drop on mobile?`;

/** The renderer props for one document block in a user message. */
function documentProps(block: Omit<DocumentContentBlock, 'type'>) {
  const document = { type: 'document', ...block } as DocumentContentBlock;
  const message: ChatMessage = { id: 'u-document', role: 'user', content: [document] };
  return { block: document, index: 0, message, progress: undefined };
}

/** A PDF the user attached: its title, kind and size; its base64 never reaches the page. */
export const Pdf = meta.story({
  args: documentProps({
    source: { type: 'base64', media_type: 'application/pdf', data: pdfData(215_040) },
    title: 'quarterly-report.pdf',
  }),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('PDF · 210 KB')).toBeVisible();
  },
});

/** A text document with a title: opens to show its text. */
export const TextWithTitle = meta.story({
  args: documentProps({ source: { type: 'text', media_type: 'text/plain', data: notes }, title: 'notes.md' }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByText('notes.md'));
    await expect(canvas.getByText(/Launch checklist/)).toBeVisible();
  },
});

/** A PDF by URL: named after its domain, opened in a new tab. */
export const Url = meta.story({
  args: documentProps({ source: { type: 'url', url: 'https://arxiv.org/pdf/1706.03762' } }),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('link', { name: 'arxiv.org' })).toHaveAttribute(
      'href',
      'https://arxiv.org/pdf/1706.03762',
    );
  },
});

/** A document uploaded with the Files API. */
export const FilesApi = meta.story({
  args: documentProps({
    source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' },
    title: 'contract.pdf',
  }),
});

/** Attachments in a user's turn, drawn by `attachmentRenderers` in `MessageContent`. */
export const InUserMessage = meta.story({
  args: documentProps({ source: { type: 'text', media_type: 'text/plain', data: notes }, title: 'notes.md' }),
  render: () => (
    <div data-slot="message-list-content">
      <Message role="user">
        <MessageContent
          renderers={attachmentRenderers}
          message={{
            id: 'u-attachments',
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: pdfData(1_400_000) },
                title: 'quarterly-report.pdf',
              },
              {
                type: 'document',
                source: { type: 'text', media_type: 'text/plain', data: notes },
                title: 'notes.md',
              },
              { type: 'image', source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
              { type: 'text', text: 'Summarise the report and check it against my notes.' },
            ],
          }}
        />
      </Message>
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('PDF · 1.3 MB')).toBeVisible();
    await expect(canvas.getByText('notes.md')).toBeVisible();
  },
});
