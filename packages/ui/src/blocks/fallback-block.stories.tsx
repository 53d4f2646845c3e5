import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { FallbackBlock } from './fallback-block.tsx';

const meta = preview.meta({ component: FallbackBlock, title: 'Blocks/FallbackBlock' });

/** A block type this package does not know yet (`future_block`): its type, and its JSON on demand. */
export const UnknownBlock = meta.story({
  args: blockProps(fixtures.futureBlock, 1),
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="fallback-block"]')).toHaveAttribute(
      'data-type',
      'future_block',
    );
  },
});
