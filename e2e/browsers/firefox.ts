import puppeteer from 'puppeteer-core';
import { firefoxPath } from '../../scripts/firefox.ts';
import type { Browser, Tab } from './browser.ts';

/** Starts a headless Firefox driven over WebDriver BiDi (Puppeteer, which downloads no browser). */
export async function launchFirefox(): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--width=1280', '--height=900'],
  });
  return {
    async newTab(): Promise<Tab> {
      // A context of its own per tab: a service worker one test registered never serves the next.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      return {
        async goto(url) {
          await page.goto(url, { waitUntil: 'load' });
        },
        // Puppeteer's types map element handles among the arguments; these are JSON values only.
        evaluate: (fn, ...args) => page.evaluate(fn as (...values: unknown[]) => unknown, ...args) as never,
        async typeAndEnter(selector, text) {
          await page.type(selector, text);
          await page.keyboard.press('Enter');
        },
        click: (selector) => page.click(selector),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
