import { existsSync } from 'node:fs';

/** What it takes to drive WebKit (Safari's engine) on Linux: WebKitGTK's driver and browser, and a display. */
export interface WebKitPaths {
  /** `WebKitWebDriver`, the W3C WebDriver server for WebKitGTK. */
  driver: string;
  /** The WebKitGTK browser the driver starts (`MiniBrowser`). */
  browser: string;
  /** `xvfb-run`: WebKitGTK has no headless mode, so it runs on a virtual display. */
  xvfbRun: string;
}

const INSTALL = '`sudo apt-get update && sudo apt-get install -y webkit2gtk-driver xvfb`';
const debianArch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';

/**
 * The WebKit the cross-browser end-to-end tests drive: `WEBKIT_DRIVER_PATH` and `WEBKIT_BROWSER_PATH`,
 * else Debian's `/usr/bin/WebKitWebDriver` and WebKitGTK's `MiniBrowser`, on a display from Debian's
 * `xvfb-run`. Test tools never download their own browser, so a missing one is a clear setup error.
 */
export function webkitPaths(): WebKitPaths {
  const paths: WebKitPaths = {
    driver: process.env['WEBKIT_DRIVER_PATH'] ?? '/usr/bin/WebKitWebDriver',
    browser:
      process.env['WEBKIT_BROWSER_PATH'] ?? `/usr/lib/${debianArch}-linux-gnu/webkit2gtk-4.1/MiniBrowser`,
    xvfbRun: '/usr/bin/xvfb-run',
  };
  const missing = Object.values(paths).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `No WebKit to drive: ${missing.join(', ')} missing. Install Debian's: ${INSTALL}, or point ` +
        'WEBKIT_DRIVER_PATH at a WebKitWebDriver and WEBKIT_BROWSER_PATH at the WebKitGTK MiniBrowser.',
    );
  }
  return paths;
}
