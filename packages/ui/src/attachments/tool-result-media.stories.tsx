import type { ChatMessage, ToolResultBlock, ToolUseBlock } from '@chatstream/reader';
import { expect, waitFor } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { scenePng } from '../stories/scene-png.ts';
import { ToolResultBlockWithMedia, ToolUseBlockWithMedia } from './tool-result-media.tsx';

const meta = preview.meta({ component: ToolUseBlockWithMedia, title: 'Blocks/ToolUseBlockWithMedia' });

const call: ToolUseBlock = {
  type: 'tool_use',
  id: 'toolu_chart',
  name: 'draw_chart',
  input: { location: 'Lisbon, Portugal', days: 5 },
};
const chart = {
  type: 'image',
  source: { type: 'base64', media_type: 'image/png', data: scenePng(480, 240) },
};

/** The props of the call with the result its client tool returned. */
function callProps(result: unknown) {
  const message: ChatMessage = {
    id: 'a-chart',
    role: 'assistant',
    status: 'complete',
    content: [call],
    toolCalls: { [call.id]: { status: 'done', result } },
  };
  return { block: call, index: 0, message, progress: undefined, toolCall: message.toolCalls?.[call.id] };
}

/** A client tool returned a caption and a chart: the chart is drawn inside the card, under the caption. */
export const ChartResult = meta.story({
  args: callProps([{ type: 'text', text: '5-day forecast for Lisbon' }, chart]),
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('5-day forecast for Lisbon')).toBeVisible();
    await expect(canvas.getByRole('img', { name: 'PNG image' })).toBeVisible();
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-slot="image-block"]')).toHaveAttribute(
        'data-state',
        'loaded',
      ),
    );
  },
});

/** A screenshot and nothing else: no empty text box above it. */
export const OnlyAnImage = meta.story({ args: callProps([chart]) });

/** A `tool_result` in a user message (a conversation saved with its tool results) that failed with a screenshot. */
export const ToolResultWithImage = meta.story({
  render: () => {
    const block: ToolResultBlock = {
      type: 'tool_result',
      tool_use_id: call.id,
      content: [{ type: 'text', text: 'The page did not finish loading.' }, chart],
      is_error: true,
    };
    const message: ChatMessage = { id: 'u-result', role: 'user', content: [block] };
    return (
      <ToolResultBlockWithMedia
        block={block}
        index={0}
        message={message}
        progress={undefined}
        toolUse={call}
      />
    );
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Tool error: draw_chart' })).toBeVisible();
    await expect(canvas.getByRole('img', { name: 'PNG image' })).toBeVisible();
  },
});
