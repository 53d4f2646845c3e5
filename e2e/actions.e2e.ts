import { scenarios } from '@chatstream/mocks';
import { demoPage, openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

// Copy reads back what it wrote.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

type Sent = { messages: { role: string; content: { type: string; text?: string }[] }[] };
const textsOf = (body: unknown): string[] =>
  (body as Sent).messages.map(
    ({ role, content }) => `${role}: ${content.map((block) => block.text).join('')}`,
  );

test('Copy takes an answer as markdown; an edit keeps the question it replaced, the chat goes on from the version shown, and a reload keeps the versions', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  await demo.send('Why stream? [scenario:longAnswer]');
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await answer.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(answer.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    scenarios.longAnswer.expectedText.trim(),
  );

  const question = demo.conversation.getByRole('article', { name: 'You' });
  await question.getByRole('button', { name: 'Edit' }).click();
  await question.getByRole('textbox', { name: 'Edit message' }).fill('Say hello [scenario:basic]');
  await page.keyboard.press('Enter');
  await expect(demo.answers.last()).toContainText(scenarios.basic.expectedText);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  await expect(question.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();

  // Back to the question as first asked: its answer comes back with it, and the chat goes on from there.
  await question.getByRole('button', { name: 'Previous version' }).click();
  await expect(question).toContainText('Why stream?');
  await expect(demo.answers.last().getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
  await demo.send('And in one line? [scenario:basic]');
  await expect(demo.answers).toHaveCount(2);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  await upstream.settled();
  expect(upstream.requests).toHaveLength(3);
  expect(textsOf(upstream.requests[2]!.body)).toEqual([
    'user: Why stream? [scenario:longAnswer]',
    `assistant: ${scenarios.longAnswer.expectedText.trimEnd()}`,
    'user: And in one line? [scenario:basic]',
  ]);

  // The edited version is still there, without the follow-up.
  await question.getByRole('button', { name: 'Next version' }).click();
  await expect(question).toContainText('Say hello');
  await expect(demo.answers).toHaveCount(1);
  await expect(demo.answers.last()).toContainText(scenarios.basic.expectedText);

  // The tab keeps the versions over a reload, as it keeps the messages.
  await page.reload();
  const reloaded = demoPage(page).conversation.getByRole('article', { name: 'You' }).first();
  await expect(reloaded.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();
  await reloaded.getByRole('button', { name: 'Previous version' }).click();
  await expect(reloaded).toContainText('Why stream?');
  await expect(demoPage(page).answers).toHaveCount(2);
});
