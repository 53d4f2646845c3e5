import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { StopNotice } from './stop-notice.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('says the answer was cut by max_tokens and offers Continue', async () => {
  const onContinue = vi.fn<() => void>();
  const screen = await render(<StopNotice stopReason="max_tokens" onContinue={onContinue} />);
  const notice = screen.getByRole('status');
  await expect.element(notice).toHaveTextContent('The answer was cut off');
  await expect.element(notice).toHaveAttribute('data-state', 'max_tokens');
  await screen.getByRole('button', { name: 'Continue' }).click();
  expect(onContinue).toHaveBeenCalledOnce();
  await expectNoAxeViolations(screen.container);
});

it('says Claude refused, without a Continue', async () => {
  const screen = await render(<StopNotice stopReason="refusal" onContinue={() => undefined} />);
  await expect.element(screen.getByRole('status')).toHaveTextContent('Claude declined to continue');
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
  await expectNoAxeViolations(screen.container);
});

it("shows a refusal's explanation when the API gives one", async () => {
  const screen = await render(
    <StopNotice
      stopReason="refusal"
      stopDetails={{ type: 'refusal', category: 'cyber', explanation: 'This could help an attack.' }}
    />,
  );
  await expect.element(screen.getByRole('status')).toHaveTextContent('This could help an attack.');
  await screen.rerender(
    <StopNotice stopReason="refusal" stopDetails={{ type: 'refusal', category: null, explanation: null }} />,
  );
  expect(screen.container.querySelector('[data-slot="stop-notice-explanation"]')).toBeNull();
});

it('says the conversation outgrew the context window, without a Continue', async () => {
  const screen = await render(
    <StopNotice stopReason="model_context_window_exceeded" onContinue={() => undefined} />,
  );
  const notice = screen.getByRole('status');
  await expect.element(notice).toHaveTextContent('The conversation is too long');
  await expect.element(notice).toHaveTextContent('Start a new conversation');
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
  await expectNoAxeViolations(screen.container);
});

it('renders nothing for a normal finish', async () => {
  for (const stopReason of [
    'end_turn',
    'tool_use',
    'stop_sequence',
    'constructor',
    null,
    undefined,
  ] as const) {
    const screen = await render(<StopNotice stopReason={stopReason} />);
    expect(screen.container.querySelector('[data-slot="stop-notice"]')).toBeNull();
    await screen.unmount();
  }
});
