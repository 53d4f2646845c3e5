import { afterEach, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { Composer } from './composer.tsx';
import { setColorScheme } from './test/color-scheme.ts';
import { installStyles } from './test/styles.ts';

installStyles();

afterEach(async () => {
  document.body.style.background = '';
  await setColorScheme(null);
});

/** An sRGB channel (0–1) in linear light. */
const linear = (c: number): number => (c <= 0.040_45 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** An `rgb(…)` colour's relative luminance (WCAG 2.2). */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/gu) ?? []).map((part) => Number(part) / 255);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

const contrast = (a: string, b: string): number =>
  (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);

// WCAG 1.4.11: what shows where a text field is needs 3:1 against what is next to it.
it.each(['light', 'dark'] as const)(
  'outlines the message box at 3:1 against the page and the box (%s)',
  async (scheme) => {
    await setColorScheme(scheme);
    document.body.style.background = 'var(--cs-bg)';
    const screen = await render(<Composer busy={false} onSend={() => undefined} onStop={() => undefined} />);
    const composer = screen.container.querySelector<HTMLElement>('[data-slot="composer"]')!;
    const { borderTopColor, backgroundColor } = getComputedStyle(composer);
    const page = getComputedStyle(document.body).backgroundColor;
    expect(contrast(borderTopColor, page)).toBeGreaterThanOrEqual(3);
    expect(contrast(borderTopColor, backgroundColor)).toBeGreaterThanOrEqual(3);
  },
);
