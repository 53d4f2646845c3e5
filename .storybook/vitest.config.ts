import path from 'node:path';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { defineProject } from 'vitest/config';
import { chromiumBrowser, sourceResolve } from '../vitest.shared.ts';

/** Every story is a test in real Chromium: it renders, its play function passes, and axe finds nothing. */
export default defineProject({
  ...sourceResolve,
  plugins: [storybookTest({ configDir: path.join(import.meta.dirname, '.') })],
  test: { name: 'storybook', browser: chromiumBrowser() },
});
