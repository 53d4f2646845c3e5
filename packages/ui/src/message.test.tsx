import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { Message } from './message.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('Message carries its role and status as data attributes and a name', async () => {
  const screen = await render(
    <Message role="user" status="complete" className="mine" id="m1">
      Hi
    </Message>,
  );
  const article = screen.getByRole('article', { name: 'You' });
  await expect.element(article).toHaveAttribute('data-role', 'user');
  await expect.element(article).toHaveAttribute('data-state', 'complete');
  await expect.element(article).toHaveAttribute('id', 'm1');
  await expect.element(article).toHaveClass('mine');
  await expectNoAxeViolations(screen.container);
});
