import type { Citation } from '@chatstream/reader';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { fixtures } from '../stories/fixtures.ts';
import { Citations } from './citations.tsx';

const cited = fixtures.webSearch.content
  .flatMap((block) => (block.type === 'text' ? (block.citations ?? []) : []))
  .filter((citation): citation is Citation => citation !== null);

const meta = preview.meta({ component: Citations, title: 'Blocks/Citations' });

/** Web pages a text cites: a numbered list of links, the cited passages in their tooltips. */
export const WebPages = meta.story({
  args: { citations: cited },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('listitem')).toHaveLength(2);
  },
});

/** Document citations (no URL): the document's title. */
export const Documents = meta.story({
  args: {
    citations: [
      {
        type: 'char_location',
        cited_text: 'Revenue grew 12% year over year.',
        document_index: 0,
        document_title: 'Annual report 2024',
        start_char_index: 120,
        end_char_index: 152,
      },
      {
        type: 'page_location',
        cited_text: 'See table 3.',
        document_index: 1,
        document_title: null,
        start_page_number: 4,
        end_page_number: 5,
      },
    ],
  },
});
