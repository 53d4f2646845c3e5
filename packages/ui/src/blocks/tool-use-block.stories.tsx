import { expect, fn } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { ToolUseBlock } from './tool-use-block.tsx';

const meta = preview.meta({
  component: ToolUseBlock,
  title: 'Blocks/ToolUseBlock',
  args: { onApprove: fn(), onToolResult: fn() },
});

/** The input JSON is still arriving: pretty-printed as far as it parses. */
export const InputStreaming = meta.story({
  args: blockProps(fixtures.toolInputStreaming, 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Preparing input…')).toBeVisible();
  },
});

/** Waits for approval: Approve runs the tool, Deny sends an error result back to the model. */
export const AwaitingApproval = meta.story({
  args: blockProps(fixtures.awaitingApproval, 1),
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Deny' }));
    await expect(args.onApprove).toHaveBeenCalledWith(args.block['id'], false);
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }));
    await expect(args.onApprove).toHaveBeenLastCalledWith(args.block['id'], true);
  },
});

/** A tool without `execute`: the app answers it (human in the loop). */
export const AwaitingResult = meta.story({ args: blockProps(fixtures.awaitingResult, 1) });

/** Running in the browser. */
export const Running = meta.story({ args: blockProps(fixtures.toolRunning, 1) });

/** Done, with its result. */
export const Done = meta.story({
  args: blockProps(fixtures.toolDone, 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Partly cloudy/)).toBeVisible();
  },
});

/** The tool threw: the error is its result. */
export const Failed = meta.story({ args: blockProps(fixtures.toolError, 1) });

/** The user denied the call. */
export const Denied = meta.story({ args: blockProps(fixtures.toolDenied, 1) });

/** The user stopped it while it ran: neither failed nor done (`retry()` runs it again). */
export const Stopped = meta.story({
  args: blockProps(fixtures.toolStopped, 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Stopped')).toBeVisible();
  },
});

/** `max_tokens` cut the input JSON: marked as cut off, never run. */
export const InputCutOff = meta.story({ args: blockProps(fixtures.maxTokensInToolInput, 1) });

/** A call from a plain stream (no session state). */
export const Called = meta.story({ args: blockProps(fixtures.unicode, 1) });
