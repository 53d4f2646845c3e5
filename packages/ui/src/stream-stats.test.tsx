import type { StreamStats as Stats } from '@chatstream/reader';
import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { StreamStats } from './stream-stats.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

const stats: Stats = {
  elapsedMs: 3000,
  timeToFirstByteMs: 300,
  timeToFirstTokenMs: 420,
  bytes: 4096,
  outputTokens: 256,
  outputTokensExact: false,
  tokensPerSecond: 48.4,
  maxTokens: 1024,
  progress: 0.25,
};

it('shows time to first token, tokens per second, tokens and progress toward max_tokens', async () => {
  const screen = await render(<StreamStats stats={stats} streaming className="mine" />);
  await expect.element(screen.getByText('420 ms')).toBeVisible();
  await expect.element(screen.getByText('48')).toBeVisible();
  await expect.element(screen.getByText(/\/ 1,024 tokens/)).toBeVisible();
  const bar = screen.getByRole('progressbar', { name: 'Output tokens used of max_tokens' });
  await expect.element(bar).toHaveAttribute('aria-valuenow', '256');
  await expect.element(bar).toHaveAttribute('aria-valuemax', '1024');
  const root = screen.container.querySelector('[data-slot="stream-stats"]')!;
  expect(root.getAttribute('data-state')).toBe('streaming');
  expect(root.className).toBe('mine');
  await expectNoAxeViolations(screen.container);
});

it('leaves out the bar without max_tokens and renders nothing without stats', async () => {
  const screen = await render(
    <StreamStats
      stats={{ ...stats, maxTokens: undefined, progress: undefined, timeToFirstTokenMs: undefined }}
    />,
  );
  expect(screen.getByRole('progressbar').query()).toBeNull();
  await expect.element(screen.getByText('–', { exact: true }).first()).toBeVisible();
  await screen.rerender(<StreamStats stats={undefined} />);
  expect(screen.container.querySelector('[data-slot="stream-stats"]')).toBeNull();
  await expectNoAxeViolations(screen.container);
});
