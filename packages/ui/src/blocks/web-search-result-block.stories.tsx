import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { WebSearchResultBlock } from './web-search-result-block.tsx';

const meta = preview.meta({ component: WebSearchResultBlock, title: 'Blocks/WebSearchResultBlock' });

/** Search results as links (title, domain, page age). */
export const Results = meta.story({
  args: blockProps(fixtures.webSearch, 2),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('link', { name: /Webb spots a distant galaxy/ })).toHaveAttribute(
      'href',
      'https://example.com/webb-galaxy',
    );
  },
});
