import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { TypingIndicator } from './typing-indicator.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('TypingIndicator is a polite status with words for screen readers', async () => {
  const screen = await render(<TypingIndicator />);
  await expect.element(screen.getByRole('status')).toHaveTextContent('Claude is thinking…');
  await expectNoAxeViolations(screen.container);
});
