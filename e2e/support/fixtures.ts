import { test as base, expect } from '@playwright/test';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { type DemoStack, startDemoStack } from './demo-stack.ts';

/** Fixtures every end-to-end test gets. */
export interface DemoFixtures {
  /** The fake Anthropic API behind the relay, reset before each test. */
  upstream: FakeAnthropicServer;
  /**
   * Console errors and uncaught page errors, collected for the whole test; the fixture fails the
   * test when any were seen.
   */
  consoleErrors: string[];
}

/** Worker-scoped fixtures: one stack per worker, closed when the worker ends. */
export interface DemoWorkerFixtures {
  /** The built demo, the relay and the fake Anthropic API. */
  stack: DemoStack;
}

/**
 * Playwright's `test` with the demo stack: `baseURL` points at the demo, `upstream` is the fake API
 * (fresh request log, default scenario), and every test fails on browser console errors.
 *
 * @example
 * test('streams', async ({ page, upstream }) => { await page.goto('/'); … });
 */
export const test = base.extend<DemoFixtures, DemoWorkerFixtures>({
  stack: [
    // oxlint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const stack = await startDemoStack();
      try {
        await use(stack);
      } finally {
        await stack.close();
      }
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
  upstream: async ({ stack }, use) => {
    stack.upstream.reset();
    await use(stack.upstream);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
