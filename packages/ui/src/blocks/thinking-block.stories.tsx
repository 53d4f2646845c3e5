import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { ThinkingBlock } from './thinking-block.tsx';

const meta = preview.meta({ component: ThinkingBlock, title: 'Blocks/ThinkingBlock' });

/** Thinking while it streams: open, "Thinking…". */
export const Streaming = meta.story({
  args: blockProps(fixtures.thinkingStreaming, 0),
  play: async ({ canvas }) => {
    const summary = canvas.getByText('Thinking…');
    await expect(summary.closest('details')).toHaveAttribute('open');
  },
});

/** Done: collapsed to a summary; the disclosure opens and closes on demand. */
export const Complete = meta.story({
  args: blockProps(fixtures.thinkingDone, 0),
  play: async ({ canvas, userEvent }) => {
    const summary = canvas.getByText('Thought process');
    const details = summary.closest('details')!;
    await expect(details).not.toHaveAttribute('open');
    await userEvent.click(summary);
    await expect(details).toHaveAttribute('open');
    await expect(canvas.getByText(/17 × 20 = 340/)).toBeVisible();
    await userEvent.click(summary);
    await expect(details).not.toHaveAttribute('open');
  },
});
