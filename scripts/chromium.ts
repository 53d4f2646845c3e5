import { existsSync } from 'node:fs';

/**
 * The Chromium every browser test and benchmark drives: `CHROMIUM_PATH`, else Debian's
 * `/usr/bin/chromium`. Test tools never download their own browser, so a missing one is a clear
 * setup error.
 */
export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install Debian's: \`sudo apt-get update && sudo apt-get install -y chromium\`, ` +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}

/** Flags for a quiet, offline, headless Chromium (no sandbox: CI runs as root in a container). */
export const chromiumArgs: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
