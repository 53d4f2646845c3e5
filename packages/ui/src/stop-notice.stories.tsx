import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { StopNotice } from './stop-notice.tsx';

const meta = preview.meta({
  component: StopNotice,
  title: 'Parts/StopNotice',
});

/** The answer hit `max_tokens`: says it was cut off and offers Continue (the session's `retry()`). */
export const MaxTokens = meta.story({
  args: { stopReason: 'max_tokens', onContinue: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('The answer was cut off');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(args.onContinue).toHaveBeenCalledOnce();
  },
});

/** The model refused: said plainly, no Continue. */
export const Refusal = meta.story({
  args: { stopReason: 'refusal', onContinue: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Claude declined to continue');
    await expect(canvas.queryByRole('button', { name: 'Continue' })).toBeNull();
  },
});

/** A refusal the API explained (`stop_details.explanation`): the explanation is shown too. */
export const RefusalExplained = meta.story({
  args: {
    stopReason: 'refusal',
    stopDetails: {
      type: 'refusal',
      category: 'cyber',
      explanation: 'The request asked for working exploit code.',
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('The request asked for working exploit code.');
  },
});

/** The conversation outgrew the model's context window: said plainly, no Continue (it cannot help). */
export const ContextWindowExceeded = meta.story({
  args: { stopReason: 'model_context_window_exceeded', onContinue: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('The conversation is too long');
    await expect(canvas.queryByRole('button', { name: 'Continue' })).toBeNull();
  },
});
