import type { StreamStats as Stats } from '@chatstream/reader';
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { LabelsProvider } from './labels.tsx';
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

/** The Polish plural of a count: one, few or many. */
function polish(count: string | number, [one, few, many]: [string, string, string]): string {
  const rule = new Intl.PluralRules('pl').select(Number(count));
  return rule === 'one' ? one : rule === 'few' ? few : many;
}

it('gives the labels the numbers, for a language whose words follow them in a plural form', async () => {
  const screen = await render(
    <LabelsProvider
      labels={{
        'First token': 'Pierwszy token',
        '{0} ms': (text, ms) => `${text} ms (${typeof ms})`,
        'tokens/s': (rate = 0) => `${polish(rate, ['token', 'tokeny', 'tokenów'])}/s`,
        tokens: (count = 0) => polish(count, ['token', 'tokeny', 'tokenów']),
      }}
    >
      <StreamStats stats={{ ...stats, tokensPerSecond: 3, outputTokens: 40, maxTokens: 1000 }} />
    </LabelsProvider>,
  );
  const root = screen.container.querySelector('[data-slot="stream-stats"]')!;
  expect(root.textContent).toContain('ms (number)');
  expect(root.textContent).toContain('3 tokeny/s');
  expect(root.textContent).toMatch(/40 \/ 1\D?000 tokenów$/);
});

it('reads each figure in the direction of its words in a right-to-left page', async () => {
  const screen = await render(
    <div dir="rtl">
      <StreamStats stats={stats} streaming />
    </div>,
  );
  const first = screen.getByText(/First token/).element();
  expect(getComputedStyle(first).direction).toBe('ltr');
});

it('shows the rate falling while a streaming answer is quiet, and the figures as they are once it ended', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
  try {
    // 2,580 ms of generation at 48.4 tokens/s, then nothing.
    const screen = await render(<StreamStats stats={stats} streaming />);
    await expect.element(screen.getByText('48', { exact: true })).toBeVisible();
    await vi.advanceTimersByTimeAsync(3000);
    // Quiet for 3 s after 2.58 s of generation: 48.4 × 2.58 / 5.58.
    await expect.element(screen.getByText('22', { exact: true })).toBeVisible();
    await screen.rerender(<StreamStats stats={stats} />);
    await expect.element(screen.getByText('48', { exact: true })).toBeVisible();
  } finally {
    vi.useRealTimers();
  }
});
