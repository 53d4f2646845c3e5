import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures, toolResultMessage } from '../stories/fixtures.ts';
import { ToolResultBlock } from './tool-result-block.tsx';

const meta = preview.meta({ component: ToolResultBlock, title: 'Blocks/ToolResultBlock' });

/** A tool result in a user turn, named after the call it answers. */
export const Result = meta.story({
  args: blockProps(fixtures.weatherResult, 0, fixtures.toolDone),
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Partly cloudy/)).toBeVisible();
  },
});

/** A failed result (`is_error`). */
export const ErrorResult = meta.story({
  args: blockProps(
    toolResultMessage(
      'u-tool-error',
      fixtures.toolError.content[1]!['id'] as string,
      'Weather service unavailable',
      true,
    ),
    0,
    fixtures.toolError,
  ),
});
