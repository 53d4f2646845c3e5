import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { markdownRenderText } from '../markdown/index.ts';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { TextBlock } from './text-block.tsx';

const meta = preview.meta({ component: TextBlock, title: 'Blocks/TextBlock' });

/** Plain text while it streams: a cursor at the end (still under reduced motion, just not blinking). */
export const Streaming = meta.story({
  args: blockProps(fixtures.streaming, 0),
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="text-block"]')).toHaveAttribute(
      'data-state',
      'streaming',
    );
    await expect(canvasElement.querySelector('[data-slot="streaming-cursor"]')).not.toBeNull();
  },
});

/** Markdown mid-stream: the open code fence and list render sensibly. */
export const StreamingMarkdown = meta.story({
  args: { ...blockProps(fixtures.streaming, 0), renderText: markdownRenderText },
});

/** Complete, in markdown, with no cursor. */
export const Complete = meta.story({
  args: { ...blockProps(fixtures.complete, 0), renderText: markdownRenderText },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="streaming-cursor"]')).toBeNull();
  },
});

/** A text block that cites web pages: its sources under it. */
export const Citations = meta.story({
  args: blockProps(fixtures.webSearch, 3),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list', { name: 'Sources' })).toBeVisible();
  },
});

/** Cut by `max_tokens` mid-sentence. */
export const MaxTokens = meta.story({ args: blockProps(fixtures.maxTokens, 0) });

/** Arabic, right to left. */
export const RightToLeft = meta.story({
  args: blockProps(fixtures.rtlAnswer, 0),
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
});
