import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';

/**
 * End-to-end: the built demo, served with the real relay in front of the loopback fake Anthropic
 * API, driven in Debian's Chromium (Playwright never downloads a browser here).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  outputDir: '../node_modules/.cache/e2e-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    // DOM snapshots are enough to debug a failure; the screencast doubles the run time on a small machine.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
});
