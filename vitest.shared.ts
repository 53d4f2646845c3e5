import { playwright } from '@vitest/browser-playwright';
import type { BrowserCommand } from 'vitest/node';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

/** Workspace packages resolve to their `src/` through the source condition, in Node and in the browser. */
export const sourceResolve = {
  resolve: { conditions: ['@chatstream/source'] },
  ssr: { resolve: { conditions: ['@chatstream/source'] } },
};

/** The system's colour preference a test runs under (`null`: the browser's default, light). */
export type ColorScheme = 'light' | 'dark' | null;

/** Emulates the system's light or dark preference, for the stylesheet's `prefers-color-scheme` rules. */
const setColorScheme: BrowserCommand<[scheme: ColorScheme]> = async (context, scheme) => {
  await context.page.emulateMedia({ colorScheme: scheme });
};

/** Vitest browser mode in headless Chromium through Playwright, without Playwright's own download. */
export function chromiumBrowser(): {
  enabled: true;
  headless: true;
  provider: ReturnType<typeof playwright>;
  instances: { browser: 'chromium' }[];
  commands: { setColorScheme: typeof setColorScheme };
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
    commands: { setColorScheme },
  };
}
