import { onTestFinished } from 'vitest';

/** Chromium's own Clipboard API, reachable while a test hides it. */
const clipboard: Clipboard = Reflect.get(Navigator.prototype, 'clipboard', navigator);

/** Hides the Clipboard API until the test ends, as on a page served over plain HTTP. */
export function withoutClipboardAPI(): void {
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  onTestFinished(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  });
}

/** What the system clipboard holds (the browser context may read it: see `vitest.shared.ts`). */
export function clipboardText(): Promise<string> {
  return clipboard.readText();
}
