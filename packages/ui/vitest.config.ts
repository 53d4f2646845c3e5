import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { chromiumBrowser, sourceResolve } from '../../vitest.shared.ts';

/** UI behaviour is tested in real Chromium (Vitest browser mode). */
export default defineProject({
  ...sourceResolve,
  plugins: [react()],
  test: { name: 'ui', browser: chromiumBrowser() },
});
