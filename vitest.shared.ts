import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

/** Workspace packages resolve to their `src/` through the source condition, in Node and in the browser. */
export const sourceResolve = {
  resolve: { conditions: ['@chatstream/source'] },
  ssr: { resolve: { conditions: ['@chatstream/source'] } },
};

/** Vitest browser mode in headless Chromium through Playwright, without Playwright's own download. */
export function chromiumBrowser(): {
  enabled: true;
  headless: true;
  provider: ReturnType<typeof playwright>;
  instances: { browser: 'chromium' }[];
} {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
      // Copy buttons are tested through the real clipboard: a test reads back what they wrote.
      contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    }),
    instances: [{ browser: 'chromium' }],
  };
}
