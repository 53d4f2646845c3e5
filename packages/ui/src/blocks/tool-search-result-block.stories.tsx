import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { ToolSearchResultBlock } from './tool-search-result-block.tsx';

const meta = preview.meta({ component: ToolSearchResultBlock, title: 'Blocks/ToolSearchResultBlock' });

/** The tools a tool search found among those sent with `defer_loading`, by name. */
export const Found = meta.story({
  args: blockProps(fixtures.toolSearch, 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Tools found' })).toHaveAttribute('data-state', 'done');
    await expect(canvas.getByText('get_forecast')).toBeVisible();
  },
});

/** A search that failed: why, in words, with the API's error code. */
export const Failed = meta.story({
  args: {
    ...blockProps(fixtures.toolSearch, 1),
    block: {
      type: 'tool_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: { type: 'tool_search_tool_result_error', error_code: 'unavailable', error_message: null },
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Tool search is unavailable right now.')).toBeVisible();
  },
});
