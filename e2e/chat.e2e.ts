import { scenarios } from '@chatstream/mocks';
import { demoPage, openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

test('sends a message that picks a scenario and streams the answer to completion', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  await demo.send('Why does streaming matter? [scenario:longAnswer]');

  await expect(demo.conversation.getByRole('article', { name: 'You' })).toContainText(
    'Why does streaming matter?',
  );
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  await expect(answer.getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
  await expect(answer).toContainText('Each of those deserves a clear message rather than a frozen screen.');
  await expect(demo.tokenProgress).toHaveAttribute(
    'aria-valuenow',
    String(scenarios.longAnswer.expectedMessage.usage.output_tokens),
  );
  await expect(page.getByRole('region', { name: 'Stream statistics' })).toContainText(
    'stop_reason: end_turn',
  );

  await upstream.settled();
  expect(upstream.requests).toHaveLength(1);
  expect(upstream.requests[0]).toMatchObject({ scenario: 'longAnswer', status: 200, completed: true });
});

test('keeps working after a reload', async ({ page, upstream }) => {
  const demo = await openDemo(page, 'relay');
  await demo.send('Hello [scenario:basic]');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  await expect(demo.answers.last()).toContainText(scenarios.basic.expectedText);

  await page.reload();
  const reloaded = demoPage(page);
  await expect(reloaded.modeBadge).toHaveAccessibleName(/^Mode: Relay/);
  await expect(reloaded.answers).toHaveCount(0);
  await reloaded.send('Hello again [scenario:basic]');
  const answer = reloaded.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(scenarios.basic.expectedText);
  await expect(reloaded.conversation).toHaveAttribute('aria-busy', 'false');

  await upstream.settled();
  expect(upstream.requests.map((request) => request.completed)).toEqual([true, true]);
  // A fresh page starts a fresh conversation.
  expect((upstream.requests[1]!.body as { messages: unknown[] }).messages).toHaveLength(1);
});

test('fits a phone screen: an answer with a code block and sources never widens the page', async ({
  page,
  upstream,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const demo = await openDemo(page, 'relay');
  await demo.send('Why does streaming matter? [scenario:longAnswer]');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  // The scenario sidebar is hidden on a phone; the same choice is a select above the chat.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('webSearch');
  await demo.send('What did Webb find?');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  await expect(demo.answers.last().getByRole('list', { name: 'Sources' }).first()).toBeVisible();
  await expect(demo.modeBadge).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await upstream.settled();
  expect(upstream.requests.map((request) => request.scenario)).toEqual(['longAnswer', 'webSearch']);
});
