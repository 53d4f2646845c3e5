import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { errors } from './stories/fixtures.ts';

const meta = preview.meta({
  component: ErrorNotice,
  title: 'Parts/ErrorNotice',
  args: { error: errors.overloadedMidStream },
});

/** The stream broke off with an `overloaded_error` event: says so, says the partial answer stayed, offers Retry. */
export const ErrorMidStream = meta.story({
  args: { partial: true, onRetry: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText('Claude is overloaded right now')).toBeVisible();
    await expect(canvas.getByText(/The partial answer above was kept\./)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
});

/** An HTTP 429 before anything streamed. */
export const RateLimited = meta.story({
  args: { error: errors.rateLimited, onRetry: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Too many requests: the rate limit was reached')).toBeVisible();
    await expect(canvas.getByText(/HTTP 429/)).toBeVisible();
  },
});

/** A 400 for a conversation longer than the model's context window: says what helps. */
export const PromptTooLong = meta.story({
  args: { error: errors.promptTooLong, onRetry: fn() },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('The conversation is too long for the model')).toBeVisible();
    await expect(canvas.getByText(/remove earlier messages/)).toBeVisible();
  },
});

/** The connection dropped: Retry and Continue. */
export const ConnectionLost = meta.story({
  args: { error: errors.connectionLost, partial: true, onRetry: fn(), onContinue: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(args.onContinue).toHaveBeenCalledOnce();
  },
});

/** The body ended without `message_stop`. */
export const Incomplete = meta.story({ args: { error: errors.incomplete, partial: true, onRetry: fn() } });

/** Any other error, with no actions. */
export const PlainError = meta.story({
  args: { error: new Error('Something unexpected happened') },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Something went wrong')).toBeVisible();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
});
