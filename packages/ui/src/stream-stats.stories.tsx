import { expect } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { streamStats } from './stories/fixtures.ts';
import { StreamStats } from './stream-stats.tsx';

const meta = preview.meta({ component: StreamStats, title: 'Parts/StreamStats' });

/** While streaming: time to first token, tokens/s, tokens and progress toward `max_tokens`. */
export const Streaming = meta.story({
  args: { stats: streamStats(312, { maxTokens: 1024 }), streaming: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('640 ms')).toBeVisible();
    const bar = canvas.getByRole('progressbar', { name: 'Output tokens used of max_tokens' });
    await expect(bar).toHaveAttribute('aria-valuenow', '312');
  },
});

/** The answer hit `max_tokens`: the bar is full. */
export const MaxTokensReached = meta.story({
  args: { stats: streamStats(1024, { maxTokens: 1024 }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1024');
  },
});

/** No `max_tokens` known: no bar. */
export const NoMaxTokens = meta.story({
  args: { stats: streamStats(86) },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('progressbar')).toBeNull();
  },
});

/** Before the first token: dashes. */
export const BeforeFirstToken = meta.story({
  args: {
    stats: streamStats(0, { maxTokens: 1024, timeToFirstTokenMs: undefined, tokensPerSecond: undefined }),
    streaming: true,
  },
});
