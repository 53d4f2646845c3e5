import { expect, it } from 'vitest';
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
