import { ConnectionError, HTTPError, type MessageSnapshot, StreamEventError } from '@chatstream/reader';
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { ErrorNotice } from './error-notice.tsx';
import { Message } from './message.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('says what failed from the Anthropic error type and offers Retry', async () => {
  const onRetry = vi.fn<() => void>();
  const error = new StreamEventError('overloaded_error', 'Overloaded');
  const screen = await render(<ErrorNotice error={error} partial onRetry={onRetry} />);
  await expect.element(screen.getByText('Claude is overloaded right now')).toBeVisible();
  await expect.element(screen.getByText(/Overloaded \(overloaded_error\)/)).toBeVisible();
  await expect.element(screen.getByText(/partial answer above was kept/)).toBeVisible();
  await screen.getByRole('button', { name: 'Retry' }).click();
  expect(onRetry).toHaveBeenCalledOnce();
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
  expect(screen.container.querySelector('[data-slot="error-notice"]')?.getAttribute('data-kind')).toBe(
    'stream-event',
  );
  await expectNoAxeViolations(screen.container);
});

it('keeps the partial answer visible beside it, and Retry leaves it in place', async () => {
  const partial = {
    message: { content: [{ type: 'text', text: 'The printing press' }] },
  } as unknown as MessageSnapshot;
  const onRetry = vi.fn<() => void>();
  const screen = await render(
    <div>
      <Message role="assistant" status="error">
        <p>The printing press, developed around 1440</p>
      </Message>
      <ErrorNotice error={new ConnectionError('network error', { partial })} partial onRetry={onRetry} />
    </div>,
  );
  await expect.element(screen.getByText('The connection was lost')).toBeVisible();
  // One sentence after another, although the browser's message has no full stop.
  await expect.element(screen.getByText('network error. The partial answer above was kept.')).toBeVisible();
  await screen.getByRole('button', { name: 'Retry' }).click();
  await expect.element(screen.getByText('The printing press, developed around 1440')).toBeVisible();
  await expectNoAxeViolations(screen.container);
});

it('words HTTP failures by status and offers Continue when asked', async () => {
  const onContinue = vi.fn<() => void>();
  const error = new HTTPError('Too many requests', { status: 429, errorType: 'rate_limit_error' });
  const screen = await render(
    <ErrorNotice error={error} onContinue={onContinue} className="mine" id="notice" />,
  );
  await expect.element(screen.getByText('Too many requests: the rate limit was reached')).toBeVisible();
  await expect.element(screen.getByText(/rate_limit_error, HTTP 429/)).toBeVisible();
  await screen.getByRole('button', { name: 'Continue' }).click();
  expect(onContinue).toHaveBeenCalledOnce();
  const root = screen.container.querySelector('#notice')!;
  expect(root.className).toBe('mine');
  await expectNoAxeViolations(screen.container);
});

it("reads the server's English detail left to right in a right-to-left page, its full stop last", async () => {
  const error = new StreamEventError('overloaded_error', 'Overloaded');
  const screen = await render(
    <div dir="rtl" lang="ar">
      <ErrorNotice error={error} partial />
    </div>,
  );
  const detail = screen.getByText(/Overloaded \(overloaded_error\)/).element();
  expect(getComputedStyle(detail).direction).toBe('ltr');
});
