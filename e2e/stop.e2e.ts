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

test('A reload mid-answer reads on: the answer completes in the same message, generated once', async ({
  page,
  upstream,
}) => {
  upstream.use(
    scenario('reloadedAnswer')
      .text(FIRST_PART)
      .pause(1500)
      .text(' The end, read after the reload.')
      .stop('end_turn'),
  );
  const demo = await openDemo(page, 'relay');
  await demo.send('Tell me a story');
  await expect(demo.answers.last()).toContainText(FIRST_PART);
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'streaming');

  await page.reload();
  const reloaded = demoPage(page);
  const answer = reloaded.answers.last();
  // The relay kept the answer going while the page reloaded; the new page reads it from the start.
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(`${FIRST_PART} The end, read after the reload.`);
  await expect(reloaded.answers).toHaveCount(1);
  await expect(reloaded.errorNotice).toHaveCount(0);
  await upstream.settled();
  expect(upstream.requests).toHaveLength(1);
  expect(upstream.requests[0]).toMatchObject({ completed: true, aborted: false });
});

test('After a reload mid-answer, Stop ends the answer it reads on, upstream too, and Continue carries on', async ({
  page,
  upstream,
}) => {
  upstream.use(slowAnswer);
  const demo = await openDemo(page, 'relay');
  await demo.send('Tell me a story');
  await expect(demo.answers.last()).toContainText(FIRST_PART);

  await page.reload();
  const reloaded = demoPage(page);
  const answer = reloaded.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'streaming');
  await expect(answer).toContainText(FIRST_PART);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(answer).toHaveAttribute('data-state', 'aborted');
  // The stop reached the relay, which aborted the request it had kept going.
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
