import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { scenario } from '@chatstream/mocks';
import { startCuttableProxy } from '../support/cuttable-proxy.ts';
import { type DemoStack, startDemoStack } from '../support/demo-stack.ts';
import { describeGrowth, readAnswerGrowth, recordAnswerGrowth } from './answer-growth.ts';
import type { Browser, Tab } from './browser.ts';
import { answerEnded, openDemo, pressStop, readScreen, send } from './demo-screen.ts';
import { waitUntil } from './wait-until.ts';

const THREE_PARTS = [
  'The first part arrives at once.',
  'The second part follows after a pause.',
  'The third part ends the answer.',
];
const FIRST_PART = 'This answer starts at once, then the model takes its time.';
const HALVES = [
  'The first half arrives before the network drops.',
  'The second half arrives after it came back, exactly once.',
];
/** Time enough for each test, browser start-up aside; the per-step waits are shorter and say what was seen. */
const TEST = { timeout: 45_000 };

/**
 * The built demo end to end in one browser engine, on what only a real engine shows: that answers
 * stream (through the relay and from the MSW mocks), that Stop keeps what arrived, and that an
 * answer whose connection dropped reads on. The Chromium suite (`e2e/*.e2e.ts`) covers the rest.
 */
export function describeDemoIn(engine: string, launch: () => Promise<Browser>): void {
  void describe(`the built demo in ${engine}`, () => {
    let stack: DemoStack | undefined;
    let browser: Browser | undefined;
    let tab: Tab;
    const demo = (): DemoStack => stack!;

    before(
      async () => {
        stack = await startDemoStack();
        browser = await launch();
      },
      { timeout: 60_000 },
    );
    after(async () => {
      await browser?.close();
      await stack?.close();
    });
    beforeEach(async () => {
      demo().upstream.reset();
      tab = await browser!.newTab();
    });
    afterEach(async () => {
      await tab.close();
    });

    void it('streams an answer through the relay as it is written, then shows all of it', TEST, async (t) => {
      demo().upstream.use(
        scenario('threeParts')
          .text(THREE_PARTS[0]!)
          .pause(700)
          .text(` ${THREE_PARTS[1]}`)
          .pause(700)
          .text(` ${THREE_PARTS[2]}`)
          .stop('end_turn'),
      );
      await openDemo(tab, demo().url, 'relay');
      await recordAnswerGrowth(tab);
      await send(tab, 'Tell me something in three parts');

      const screen = await answerEnded(tab);
      assert.equal(screen.state, 'complete');
      assert.equal(screen.text, THREE_PARTS.join(' '));
      assert.equal(screen.status, 'ready');
      assert.equal(screen.notice, null);
      assert.deepEqual(screen.pageErrors, []);
      const growth = await readAnswerGrowth(tab);
      t.diagnostic(describeGrowth(growth));
      assert.ok(
        growth.partialLengths.length >= 2,
        `the text grew while streaming: ${JSON.stringify(growth)}`,
      );
      // Half the scenario's pauses: room for a slow render, none for an answer shown whole.
      assert.ok(growth.firstTextToEndMs >= 700, `the first part showed early: ${JSON.stringify(growth)}`);
    });

    void it('Stop keeps the partial answer and the chat is ready again, with no error', TEST, async () => {
      demo().upstream.use(
        scenario('slowAnswer').text(FIRST_PART).pause(60_000).text(' Nobody reads this.').stop('end_turn'),
      );
      await openDemo(tab, demo().url, 'relay');
      await send(tab, 'Tell me a story');
      await waitUntil(
        () => readScreen(tab),
        (screen) => screen.text === FIRST_PART && screen.state === 'streaming',
        'the first part streamed in',
      );

      await pressStop(tab);
      const screen = await answerEnded(tab);
      assert.equal(screen.state, 'aborted');
      assert.equal(screen.text, FIRST_PART);
      assert.equal(screen.status, 'ready');
      assert.equal(screen.notice, null);
      assert.equal(screen.editable, true);
      assert.deepEqual(screen.pageErrors, []);
      // The stop reached the API through the relay: the model no longer writes (or bills) the answer.
      await waitUntil(
        async () => demo().upstream.requests[0]?.aborted,
        (aborted) => aborted === true,
        'the upstream request was aborted',
      );
    });

    void it('reads on to the end when the connection to the relay drops mid-answer', TEST, async () => {
      const proxy = await startCuttableProxy(demo().url);
      try {
        demo().upstream.use(
          scenario('pausedAnswer').text(`${HALVES[0]} `).pause(1500).text(HALVES[1]!).stop('end_turn'),
        );
        await openDemo(tab, proxy.url, 'relay');
        await send(tab, 'Tell me something in two halves');
        await waitUntil(
          () => readScreen(tab),
          (screen) => screen.text === HALVES[0] && screen.state === 'streaming',
          'the first half streamed in',
        );
        proxy.cut();

        // WebKit ends a body whose connection dropped as if it were whole: this must not end the answer.
        const screen = await answerEnded(tab, 20_000);
        assert.equal(screen.notice, null);
        assert.equal(screen.state, 'complete');
        assert.equal(screen.text, HALVES.join(' '));
        assert.equal(screen.status, 'ready');
        assert.deepEqual(screen.pageErrors, []);
        await demo().upstream.settled();
        // One answer, generated once: the browser read on from the relay, it did not ask again.
        assert.equal(demo().upstream.requests.length, 1);
        assert.equal(demo().upstream.requests[0]?.completed, true);
      } finally {
        await proxy.close();
      }
    });

    void it('?mode=msw streams an answer from the mocks in the browser as it is written', TEST, async (t) => {
      const relayedBefore = demo().relayed;
      await openDemo(tab, `${demo().url}/?mode=msw`, 'msw');
      await recordAnswerGrowth(tab);
      await send(tab, 'Why does streaming matter? [scenario:longAnswer]');

      const screen = await answerEnded(tab, 30_000);
      assert.equal(screen.state, 'complete');
      assert.ok(screen.text.startsWith('Why streaming matters'), screen.text);
      assert.ok(screen.text.endsWith('rather than a frozen screen.'), screen.text);
      assert.equal(screen.status, 'ready');
      assert.equal(screen.notice, null);
      assert.deepEqual(screen.pageErrors, []);
      // Safari's service worker delivered this answer whole, its first word ~6 s after sending.
      const growth = await readAnswerGrowth(tab);
      t.diagnostic(describeGrowth(growth));
      assert.ok(
        growth.partialLengths.length >= 5,
        `the text grew while streaming: ${JSON.stringify(growth)}`,
      );
      assert.ok(growth.firstTextToEndMs >= 2000, `the first words showed early: ${JSON.stringify(growth)}`);
      assert.equal(demo().relayed, relayedBefore, 'no request reached the relay');
    });
  });
}
