import { scenarios } from '@chatstream/mocks';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { markdownRenderText } from '../markdown/index.ts';
import { MessageContent } from '../message-content.tsx';
import { assistantMessage, replay } from '../stories/fixtures.ts';

const meta = preview.meta({ component: MessageContent, title: 'Blocks/Cited answer' });

/**
 * Claude's text split into blocks where its citations begin and end, drawn as one text: the numbers
 * of the sources after each cited passage, the sources listed once under it.
 */
export const WebSources = meta.story({
  args: { message: assistantMessage('research', replay(scenarios.research)), renderText: markdownRenderText },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('link', { name: /^Source 1: / }).length).toBeGreaterThan(0);
    await expect(canvas.getByRole('list', { name: 'Sources' })).toBeVisible();
  },
});

const report = (start: number, end: number, quote: string) => ({
  type: 'page_location',
  cited_text: quote,
  document_index: 0,
  document_title: 'Annual report 2024.pdf',
  start_page_number: start,
  end_page_number: end,
});

/** Documents: a number opens the document's entry on its cited passages, with the pages of a PDF. */
export const DocumentSources = meta.story({
  args: {
    renderText: markdownRenderText,
    message: {
      id: 'documents',
      role: 'assistant',
      status: 'complete',
      content: [
        { type: 'text', text: 'The report says that ' },
        {
          type: 'text',
          text: 'revenue grew 12% in the third quarter',
          citations: [report(5, 7, 'Revenue grew 12% in Q3.')],
        },
        { type: 'text', text: ', and that ' },
        {
          type: 'text',
          text: 'the policy applies to contractors',
          citations: [
            report(12, 13, 'This policy applies to contractors.'),
            {
              type: 'char_location',
              cited_text: 'Contractors are covered.',
              document_index: 1,
              document_title: 'notes.txt',
              start_char_index: 0,
              end_char_index: 24,
            },
          ],
        },
        { type: 'text', text: '.' },
      ],
    },
  },
  play: async ({ canvas, userEvent }) => {
    const [first] = canvas.getAllByRole('button', { name: 'Source 1: Annual report 2024.pdf' });
    await userEvent.click(first!);
    await expect(canvas.getByText('Revenue grew 12% in Q3.')).toBeVisible();
    await expect(canvas.getByText('· pp. 5–6, p. 12')).toBeVisible();
  },
});
