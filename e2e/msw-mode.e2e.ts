import { scenarios } from '@chatstream/mocks';
import { openDemo } from './support/demo-page.ts';
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
