import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { ServerToolUseBlock } from './server-tool-use-block.tsx';

const meta = preview.meta({ component: ServerToolUseBlock, title: 'Blocks/ServerToolUseBlock' });

/** A web search Anthropic is running: the query, "Searching…". */
export const Searching = meta.story({
  args: blockProps(fixtures.webSearchRunning, 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Web search' })).toHaveAttribute('data-state', 'running');
  },
});

/** The search is done (its results follow in their own block). */
export const Done = meta.story({ args: blockProps(fixtures.webSearch, 1) });
