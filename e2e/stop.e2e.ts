import { scenario } from '@chatstream/mocks';
import { demoPage, openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

const FIRST_PART = 'This answer starts at once, then the model takes its time.';

// A minute of pings after the first sentence: Stop is always pressed mid-stream, whatever the machine's speed.
const slowAnswer = scenario('slowAnswer')
  .text(FIRST_PART)
  .pause(60_000)
  .text(' Nobody should ever read this.')
  .stop('end_turn');

test('Stop keeps the partial answer and aborts the upstream request', async ({ page, upstream }) => {
  upstream.use(slowAnswer);
  const demo = await openDemo(page, 'relay');
  // No scenario keyword, and nothing the picker's "Auto" recognises: the fake API serves slowAnswer.
  await demo.send('Tell me a story');

  const answer = demo.answers.last();
  await expect(answer).toContainText(FIRST_PART);
  await expect(answer).toHaveAttribute('data-state', 'streaming');
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'true');
  expect(upstream.requests[0]).toMatchObject({ scenario: 'slowAnswer', aborted: false, completed: false });

  await page.getByRole('button', { name: 'Stop' }).click();

  await expect(answer).toHaveAttribute('data-state', 'aborted');
  await expect(answer).toContainText(FIRST_PART);
  await expect(answer).not.toContainText('Nobody should ever read this.');
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  await expect(demo.composer).toBeFocused();

  // The browser's stop must reach the fake API through the relay; without it the stream runs a minute.
  await expect.poll(() => upstream.requests[0]?.aborted, { timeout: 10_000 }).toBe(true);
  await upstream.settled();
  expect(upstream.requests).toHaveLength(1);
  expect(upstream.requests[0]).toMatchObject({ aborted: true, completed: false });
});

test('A reload mid-answer keeps the conversation: the answer comes back stopped, and Continue carries on', async ({
  page,
  upstream,
}) => {
  upstream.use(slowAnswer);
  const demo = await openDemo(page, 'relay');
  await demo.send('Tell me a story');
  await expect(demo.answers.last()).toContainText(FIRST_PART);
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'streaming');

  await page.reload();
  const reloaded = demoPage(page);
  const answer = reloaded.answers.last();
  // Saved while it streamed, it is not left streaming forever: it reads as stopped, and it is done.
  await expect(reloaded.answers).toHaveCount(1);
  await expect(answer).toHaveAttribute('data-state', 'aborted');
  await expect(answer).toContainText(FIRST_PART);
  await expect(reloaded.conversation).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('button', { name: 'Regenerate' })).toBeVisible();
  // The page that went away took its request with it, through the relay.
  await expect.poll(() => upstream.requests[0]?.aborted, { timeout: 10_000 }).toBe(true);

  // Continue carries on in the same message: the partial answer goes back as the final assistant turn.
  upstream.use(scenario('storyEnd').text(' The end.').stop('end_turn'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(`${FIRST_PART} The end.`);
  await expect(reloaded.answers).toHaveCount(1);
  await upstream.settled();
  const sent = (upstream.requests[1]!.body as { messages: { role: string; content: unknown }[] }).messages;
  expect(sent.map((message) => message.role)).toEqual(['user', 'assistant']);
  expect(JSON.stringify(sent[1]!.content)).toContain(FIRST_PART);
});
