import { scenarios } from '@chatstream/mocks';
import { demoPage, openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

test('?mode=msw streams from the service worker without touching the server', async ({
  page,
  stack,
  upstream,
}) => {
  const relayedBefore = stack.relayed;
  const demo = await openDemo(page, 'msw', '?mode=msw');
  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  expect(worker).toBe(`${stack.url}/mockServiceWorker.js`);

  await demo.send('Hello [scenario:basic]');
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(scenarios.basic.expectedText);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  await expect(demo.tokenProgress).toHaveAttribute(
    'aria-valuenow',
    String(scenarios.basic.expectedMessage.usage.output_tokens),
  );

  expect(stack.relayed - relayedBefore).toBe(0);
  expect(upstream.requests).toHaveLength(0);
});

test('?mode=msw: a reload mid-answer reads on from the mock, in the same message, each part once', async ({
  page,
}) => {
  const resumes: { id: string; lastEventId: string | null }[] = [];
  page.on('request', (request) => {
    void request.allHeaders().then((headers) => {
      const id = headers['chatstream-resume'];
      if (id !== undefined) resumes.push({ id, lastEventId: headers['last-event-id'] ?? null });
    });
  });
  const demo = await openDemo(page, 'msw', '?mode=msw');
  await demo.send('Why does streaming matter? [scenario:longAnswer]');
  await expect(demo.answers.last()).toContainText('Why streaming matters');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'streaming');

  await page.reload();
  const reloaded = demoPage(page);
  const answer = reloaded.answers.last();
  // The worker kept the stream in sessionStorage: the new page's handlers serve it from the start.
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(reloaded.answers).toHaveCount(1);
  await expect(reloaded.errorNotice).toHaveCount(0);
  const parts = scenarios.longAnswer.expectedText
    .split('\n')
    .map((line) =>
      line
        .replace(/^(?:#+|\d+\.)\s+/u, '')
        .replaceAll('**', '')
        .trim(),
    )
    .filter((line) => line !== '' && !line.startsWith('```'));
  const text = (await answer.textContent()) ?? '';
  for (const part of parts) expect(text.split(part), part).toHaveLength(2);
  await expect(reloaded.tokenProgress).toHaveAttribute(
    'aria-valuenow',
    String(scenarios.longAnswer.expectedMessage.usage.output_tokens),
  );
  // `session.reconnect()`: the stream's id and no Last-Event-ID, to read the answer from its start.
  // (No count of server requests here: the old page's own resume, sent as it unloads, may pass the
  // worker, whose page is gone, and reach the server, which does not know the stream.)
  expect(resumes).toContainEqual({ id: expect.stringMatching(/^stream_01/u), lastEventId: null });
});

test("?mode=msw answers a browser tool's result with a reply built from it, logged as a request", async ({
  page,
}) => {
  const demo = await openDemo(page, 'msw', '?mode=msw');
  await demo.send("What's the weather in Paris? [scenario:toolUse]");
  const weather = demo.conversation.getByRole('group', { name: 'Tool call: get_weather' });
  await expect(weather).toHaveAttribute('data-state', 'done');
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  // The reply reads the simulated weather the tool returned in the browser.
  await expect(answer).toContainText(/Right now it's \d+ °C and .+ in Paris, France/u);
  const log = page.getByRole('region', { name: 'Mock requests' });
  await expect(log.getByRole('listitem')).toHaveText([
    /#2\s*followUp\s*200\s*completed/u,
    /#1\s*toolUse\s*200\s*completed/u,
  ]);
});
