import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { LabelsProvider } from './labels.tsx';
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

/** The mark CSS draws after a message's content ("Stopped", "Cut off"), or `none`. */
const mark = (element: Element) =>
  getComputedStyle(element.querySelector('[data-slot="message-content"]')!, '::after').content;

it('marks an answer the length limit cut short "Cut off", in the app\'s words when it has them', async () => {
  const content = <div data-slot="message-content">The rivers of Europe are the Danube, the Rh</div>;
  const screen = await render(
    <>
      <Message role="assistant" status="complete" stopReason="max_tokens" label="cut">
        {content}
      </Message>
      <Message role="assistant" status="complete" stopReason="end_turn" label="finished">
        {content}
      </Message>
      {/* Carried on after the cut: still the old stop reason while it streams. */}
      <Message role="assistant" status="streaming" stopReason="max_tokens" label="continuing">
        {content}
      </Message>
      <LabelsProvider labels={{ 'Cut off': 'Coupé' }}>
        <Message role="assistant" status="complete" stopReason="max_tokens" label="french">
          {content}
        </Message>
      </LabelsProvider>
    </>,
  );
  expect(mark(screen.getByRole('article', { name: 'cut' }).element())).toBe('"Cut off"');
  expect(mark(screen.getByRole('article', { name: 'finished' }).element())).toBe('none');
  expect(mark(screen.getByRole('article', { name: 'continuing' }).element())).toBe('none');
  expect(mark(screen.getByRole('article', { name: 'french' }).element())).toBe('"Coupé"');
});
