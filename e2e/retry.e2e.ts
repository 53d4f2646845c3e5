import { scenario, scenarios } from '@chatstream/mocks';
import { openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

const PARTIAL = scenarios.overloadedMidStream.expectedText;
const REST = ' cheaper and faster to produce, and ideas began to travel across Europe at a new speed.';

test('a mid-stream error keeps the partial answer, also over a reload, and Retry continues it', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  await demo.pickScenario('Overloaded mid stream');
  await demo.send('Tell me about the printing press');

  const answer = demo.answers.last();
  await expect(demo.conversation.getByText('Claude is overloaded right now')).toBeVisible();
  await expect(demo.conversation).toContainText('The partial answer above was kept.');
  await expect(answer).toHaveAttribute('data-state', 'error');
  await expect(answer).toContainText(PARTIAL);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');

  // The demo keeps its conversation over a reload: it comes back failed, as it was, Retry included.
  await page.reload();
  await expect(demo.conversation.getByText('Claude is overloaded right now')).toBeVisible();
  await expect(answer).toHaveAttribute('data-state', 'error');
  await expect(answer).toContainText(PARTIAL);

  // The continuation request names no scenario: the fake API serves the rest of the sentence.
  upstream.use(scenario('printingPressRest').text(REST).stop('end_turn'));
  await demo.conversation.getByRole('button', { name: 'Retry' }).click();

  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(`${PARTIAL}${REST}`);
  await expect(demo.answers).toHaveCount(1);
  await expect(demo.conversation.getByText('Claude is overloaded right now')).toHaveCount(0);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');

  await upstream.settled();
  expect(upstream.requests.map((request) => request.scenario)).toEqual([
    'overloadedMidStream',
    'printingPressRest',
  ]);
  const { messages } = upstream.requests[1]!.body as { messages: unknown[] };
  // Prefix continuation: the partial answer goes back as the final assistant turn.
  expect(messages.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: PARTIAL }] });
  expect(messages.at(-2)).toMatchObject({ role: 'user' });
});
