import { scenario, scenarios } from '@chatstream/mocks';
import type { Page } from '@playwright/test';
import { type CuttableProxy, startCuttableProxy } from './support/cuttable-proxy.ts';
import { type DemoPage, demoPage, openDemo } from './support/demo-page.ts';
import { type DemoFixtures, type DemoWorkerFixtures, expect, test } from './support/fixtures.ts';

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
  // The code is coloured (lowlight through highlightFromHast), its text unchanged.
  const code = answer.locator('[data-slot="code-block"] code');
  await expect(code).toHaveText('for await (const text of stream.textStream) {\n  output.append(text);\n}');
  await expect(code.locator('.hljs-keyword').first()).toHaveText('for');
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

test('keeps the conversation over a reload; New chat starts a fresh one', async ({ page, upstream }) => {
  const demo = await openDemo(page, 'relay');
  await demo.send('Hello [scenario:basic]');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  await expect(demo.answers.last()).toContainText(scenarios.basic.expectedText);

  await page.reload();
  const reloaded = demoPage(page);
  await expect(reloaded.modeBadge).toHaveAccessibleName(/^Mode: Relay/);
  await expect(reloaded.answers).toHaveCount(1);
  await expect(reloaded.answers.last()).toContainText(scenarios.basic.expectedText);
  await reloaded.send('Hello again [scenario:basic]');
  await expect(reloaded.answers).toHaveCount(2);
  await expect(reloaded.answers.last()).toHaveAttribute('data-state', 'complete');
  await expect(reloaded.conversation).toHaveAttribute('aria-busy', 'false');
  await upstream.settled();
  // The earlier turn went with the new question.
  expect((upstream.requests[1]!.body as { messages: unknown[] }).messages).toHaveLength(3);

  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(reloaded.answers).toHaveCount(0);
  await page.reload();
  await expect(demoPage(page).composer).toBeEditable();
  await expect(demoPage(page).answers).toHaveCount(0);
  await demoPage(page).send('Hello [scenario:basic]');
  await expect(demoPage(page).answers.last()).toHaveAttribute('data-state', 'complete');
  await upstream.settled();
  expect((upstream.requests[2]!.body as { messages: unknown[] }).messages).toHaveLength(1);
  expect(upstream.requests.map((request) => request.completed)).toEqual([true, true, true]);
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

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('Return starts a new line and the send button sends the message', async ({ page, upstream }) => {
    const demo = await openDemo(page, 'relay');
    await demo.composer.tap();
    await page.keyboard.type('Line one');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Line two [scenario:basic]');
    await expect(demo.composer).toHaveValue('Line one\nLine two [scenario:basic]');
    expect(upstream.requests).toHaveLength(0);

    await page.getByRole('button', { name: 'Send' }).tap();
    await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
    await expect(demo.conversation.getByRole('article', { name: 'You' })).toContainText('Line one');
    await upstream.settled();
    expect(upstream.requests).toHaveLength(1);
  });
});

test('Side by side keeps its three conversations over a reload; Clear empties them for good', async ({
  page,
}) => {
  await openDemo(page, 'relay');
  const showColumns = () => page.getByRole('tab', { name: 'Side by side' }).click();
  await showColumns();
  const prompt = page.getByRole('textbox', { name: 'Prompt for all three streams' });
  await prompt.fill('Tell me about streaming');
  await prompt.press('Enter');
  const answers = page.getByRole('article', { name: 'Claude' });
  await expect(answers).toHaveCount(3);
  for (const answer of await answers.all()) await expect(answer).toHaveAttribute('data-state', 'complete');

  await page.reload();
  await showColumns();
  await expect(answers).toHaveCount(3);
  await expect(page.getByRole('article', { name: 'You' })).toHaveCount(3);

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(answers).toHaveCount(0);
  await page.reload();
  await showColumns();
  await expect(page.getByRole('textbox', { name: 'Prompt for all three streams' })).toBeVisible();
  await expect(answers).toHaveCount(0);
});

test('typesets the formulas of an answer with KaTeX; prices stay prose', async ({ page }) => {
  const demo = await openDemo(page, 'relay');
  await demo.send('Show me two famous formulas [scenario:math]');
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer.locator('[data-slot="markdown-math"] .katex')).toHaveCount(6);
  await expect(answer.locator('[data-display="block"] .katex-display')).toHaveCount(2);
  await expect(answer).toContainText('the book costs $5 and the set $12.');
});

test('reveals an answer at an even pace when asked, ending with all of it as markdown', async ({ page }) => {
  const demo = await openDemo(page, 'relay');
  await page.getByRole('checkbox', { name: 'Reveal at an even pace' }).check();
  await demo.send('Why does streaming matter? [scenario:longAnswer]');

  const answer = demo.answers.last();
  await expect(answer.getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
  await expect(answer).toContainText('Each of those deserves a clear message rather than a frozen screen.');
  await expect(answer.getByRole('listitem')).toHaveCount(3);
  await expect(answer.locator('pre code')).toContainText('output.append(text);');
  await expect(answer.locator('[data-slot="streaming-cursor"]')).toHaveCount(0);
});

test('reads answers aloud a sentence at a time when asked, and falls silent at Stop', async ({
  page,
  upstream,
}) => {
  // What the page asks speechSynthesis to say (headless Chromium has no voice to hear).
  await page.addInitScript(() => {
    const spoken: string[] = [];
    let cancels = 0;
    Object.assign(window, { spoken, cancels: () => cancels });
    speechSynthesis.speak = (utterance) => void spoken.push(utterance.text);
    speechSynthesis.cancel = () => void (cancels += 1);
  });
  const demo = await openDemo(page, 'relay');
  await page.getByRole('checkbox', { name: 'Read answers aloud' }).check();
  await demo.send('Why does streaming matter? [scenario:longAnswer]');
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  expect(spoken.slice(0, 3)).toEqual([
    'Why streaming matters',
    'Streaming lets a chat interface show the answer as it is written, instead of leaving people staring at a spinner.',
    'Three things make it feel right:',
  ]);
  expect(spoken).toContain('Code block in ts, 3 lines.');
  expect(spoken.at(-1)).toBe('Each of those deserves a clear message rather than a frozen screen.');

  // An answer stopped in a pause after its first sentence: nothing more is said.
  upstream.use(
    scenario('pausedStory', { description: 'A sentence, a long pause, more.' })
      .text('Once upon a time, a stream began. Then it')
      .pause(10_000)
      .text(' went on, unheard.')
      .stop('end_turn'),
  );
  await demo.send('Tell me a story');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.at(-1)))
    .toBe('Once upon a time, a stream began.');
  const cancels = (): Promise<number> =>
    page.evaluate(() => (window as unknown as { cancels: () => number }).cancels());
  // The new answer already cut off what the first one had queued.
  const before = await cancels();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'aborted');
  await expect.poll(cancels).toBe(before + 1);
  const last = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.at(-1));
  expect(last).toBe('Once upon a time, a stream began.');
});

/** Both halves of `pausedAnswer`, as the answer must read once it read on. */
const BOTH_HALVES =
  'The first half arrives before the network drops. The second half arrives after it came back, exactly once.';

/**
 * Runs `lose` (which cuts the connection) in the middle of an answer streaming through a proxy the
 * test can cut, then checks it read on to its end: both halves once, generated once, no notice left.
 * Chromium logs the requests the lost network failed; nothing else may be logged.
 */
async function expectReadOnAfter(
  { page, stack, upstream, consoleErrors }: DemoFixtures & DemoWorkerFixtures & { page: Page },
  lose: (proxy: CuttableProxy, demo: DemoPage) => Promise<void>,
): Promise<void> {
  const proxy = await startCuttableProxy(stack.url);
  upstream.use(
    scenario('pausedAnswer', { description: 'Text, a pause, more text.' })
      .text('The first half arrives before the network drops. ')
      .pause(1500)
      .text('The second half arrives after it came back, exactly once.')
      .stop('end_turn'),
  );
  try {
    const demo = await openDemo(page, 'relay', '', proxy.url);
    const resumes: string[] = [];
    page.on('request', (request) => {
      const id = request.headers()['chatstream-resume'];
      if (id) resumes.push(id);
    });
    await demo.send('Tell me something in two halves');
    const answer = demo.answers.last();
    await expect(answer).toContainText('before the network drops.');
    await lose(proxy, demo);

    await expect(answer).toHaveAttribute('data-state', 'complete');
    const text = (await answer.locator('[data-slot="text-block"]').allInnerTexts()).join(' ');
    expect(text.replaceAll(/\s+/gu, ' ').trim()).toBe(BOTH_HALVES);
    expect(resumes.length).toBeGreaterThan(0);
    await expect(demo.errorNotice).toHaveCount(0);
    await upstream.settled();
    // One answer, generated once: the relay kept it going while the browser was away.
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({ completed: true, aborted: false });
  } finally {
    await proxy.close();
    const others = consoleErrors.filter(
      (error) => !/net::ERR_(INCOMPLETE_CHUNKED_ENCODING|INTERNET_DISCONNECTED)/u.test(error),
    );
    consoleErrors.splice(0, consoleErrors.length, ...others);
  }
}

test('reads on where it stopped when the network drops mid-answer and comes back', async ({
  page,
  stack,
  upstream,
  consoleErrors,
}) => {
  await expectReadOnAfter({ page, stack, upstream, consoleErrors }, async (proxy) => proxy.cut());
});

test('reads on by itself once the browser is back online after the tries ran out', async ({
  page,
  stack,
  upstream,
  consoleErrors,
}) => {
  test.slow();
  await expectReadOnAfter({ page, stack, upstream, consoleErrors }, async (proxy, demo) => {
    await page.context().setOffline(true);
    proxy.cut();
    // Every try to read on fails while offline: the answer shows it lost its connection.
    await expect(demo.errorNotice).toContainText('The connection was lost', { timeout: 20_000 });
    await expect(demo.answers.last()).toHaveAttribute('data-state', 'error');
    await page.context().setOffline(false);
  });
});
