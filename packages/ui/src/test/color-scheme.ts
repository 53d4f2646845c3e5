import { commands } from 'vitest/browser';
import type { ColorScheme } from '../../../../vitest.shared.ts';

declare module 'vitest/browser' {
  interface BrowserCommands {
    setColorScheme(scheme: ColorScheme): Promise<void>;
  }
}

/** Runs the page under the system's light or dark preference (`null`: back to the default). */
export function setColorScheme(scheme: ColorScheme): Promise<void> {
  return commands.setColorScheme(scheme);
}
