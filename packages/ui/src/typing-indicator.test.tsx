import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { HTTPError } from '@chatstream/reader';
import { TypingIndicator } from './typing-indicator.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('TypingIndicator is a polite status with words for screen readers', async () => {
  const screen = await render(<TypingIndicator />);
  await expect.element(screen.getByRole('status')).toHaveTextContent('Claude is thinking…');
  await expectNoAxeViolations(screen.container);
});

it('says why it waits and that it tries again while the session retries', async () => {
  const error = new HTTPError('Overloaded', { status: 529, errorType: 'overloaded_error' });
  const screen = await render(<TypingIndicator retrying={{ attempt: 1, delayMs: 500, error }} />);
  const status = screen.getByRole('status');
  await expect.element(status).toHaveAttribute('data-state', 'retrying');
  await expect
    .element(status.getByText('Claude is overloaded right now. Trying again (attempt 2)…'))
    .toBeVisible();
  await expectNoAxeViolations(screen.container);
  await screen.rerender(
    <TypingIndicator
      retrying={{ attempt: 2, delayMs: 1000, error }}
      describeRetry={({ attempt }) => `Nouvel essai n° ${attempt + 1}…`}
    />,
  );
  await expect.element(status).toHaveTextContent('Nouvel essai n° 3…');
});

it('counts down a long wait (a retry-after) for the eye, and says it once for a screen reader', async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  try {
    const error = new HTTPError('Rate limited', {
      status: 429,
      errorType: 'rate_limit_error',
      retryAfterMs: 30_000,
    });
    const screen = await render(<TypingIndicator retrying={{ attempt: 1, delayMs: 30_000, error }} />);
    const status = screen.getByRole('status');
    const seen = 'Too many requests: the rate limit was reached. Trying again in 30 s (attempt 2)…';
    await expect.element(status).toHaveTextContent(seen);
    await vi.advanceTimersByTimeAsync(3000);
    const shown = status.element().querySelector('[data-slot="typing-retry"]')!;
    expect(shown.textContent).toBe(
      'Too many requests: the rate limit was reached. Trying again in 27 s (attempt 2)…',
    );
    expect(shown.getAttribute('aria-hidden')).toBe('true');
    // What a screen reader reads in the status stays as it was said: no announcement every second.
    expect(status.element().querySelector('[data-visually-hidden]')!.textContent).toBe(seen);
  } finally {
    vi.useRealTimers();
  }
});
