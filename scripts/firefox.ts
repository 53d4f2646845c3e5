import { existsSync } from 'node:fs';

/**
 * The Firefox the cross-browser end-to-end tests drive: `FIREFOX_PATH`, else Debian's
 * `/usr/bin/firefox-esr`. Test tools never download their own browser, so a missing one is a clear
 * setup error.
 */
export function firefoxPath(): string {
  const path = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(
      `No Firefox at ${path}. Install Debian's: \`sudo apt-get update && sudo apt-get install -y firefox-esr\`, ` +
        'or point FIREFOX_PATH at a Firefox binary.',
    );
  }
  return path;
}
