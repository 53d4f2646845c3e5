import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { defineProject } from 'vitest/config';
import { chromiumBrowser, sourceResolve } from '../vitest.shared.ts';

/** Every story is a test in real Chromium: it renders, its play function passes, and axe finds nothing. */
export default defineProject({
  ...sourceResolve,
  plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.') })],
  test: {
    name: 'storybook',
    browser: chromiumBrowser(),
    // One page for every story file: the preview (addons, axe, the MSW worker) loads once instead of
    // once per file, which is most of the run time. Stories do not share state (each renders fresh
    // and gets fresh MSW handlers).
    isolate: false,
  },
});
