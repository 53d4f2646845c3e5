import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';

/** Workspace packages resolve to their `src/` through the source condition, in Node and in the browser. */
export const sourceResolve = {
  resolve: { conditions: ['@chatstream/source'] },
  ssr: { resolve: { conditions: ['@chatstream/source'] } },
};

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`.
 * Test tools never download their own browser, so a missing one is a clear setup error.
 */
export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's: \`sudo apt-get update && sudo apt-get install -y chromium\`, ` +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return path;
}

/** Flags for a quiet, offline, headless Chromium (no sandbox: CI runs as root in a container). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
    provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
    instances: [{ browser: 'chromium' }],
  };
}
