import { afterEach, expect, it } from 'vitest';
import codeColors from './code-colors.css?inline';
import { setColorScheme } from './test/color-scheme.ts';
import { installStyles } from './test/styles.ts';

installStyles();
const codeColorsStyle = document.createElement('style');
codeColorsStyle.textContent = codeColors;
document.head.append(codeColorsStyle);

const BRAND = '#0f766e';
const DARK_ACCENT = '#d97757';
const LIGHT_ACCENT = '#c96442';

/** A page's own theme, on `:root` as the README shows, added before or after the package stylesheet. */
function pageTheme(css: string, first = false): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  if (first) document.head.prepend(style);
  else document.head.append(style);
  return style;
}

const variableOf = (name: string, element: Element = document.documentElement): string =>
  getComputedStyle(element).getPropertyValue(name).trim();
const accentOf = (element?: Element): string => variableOf('--cs-accent', element);

afterEach(async () => {
  for (const style of document.querySelectorAll('style[data-page-theme]')) style.remove();
  document.body.replaceChildren();
  await setColorScheme(null);
});

it('follows the system: light by default, the dark palette when the system is dark', async () => {
  expect(accentOf()).toBe(LIGHT_ACCENT);
  await setColorScheme('dark');
  expect(accentOf()).toBe(DARK_ACCENT);
});

it("keeps a page's variables on :root in dark mode too, whichever stylesheet comes first", async () => {
  for (const first of [false, true]) {
    const style = pageTheme(`:root { --cs-accent: ${BRAND}; --cs-code-keyword: ${BRAND}; }`, first);
    style.dataset['pageTheme'] = '';
    await setColorScheme('light');
    expect([accentOf(), variableOf('--cs-code-keyword')]).toEqual([BRAND, BRAND]);
    await setColorScheme('dark');
    expect([accentOf(), variableOf('--cs-code-keyword')]).toEqual([BRAND, BRAND]);
    style.remove();
  }
});

it('lets data-theme force a palette on part of the page, over the system and over :root', async () => {
  const style = pageTheme(`:root { --cs-accent: ${BRAND}; }`);
  style.dataset['pageTheme'] = '';
  const dark = document.createElement('div');
  dark.dataset['theme'] = 'dark';
  const light = document.createElement('div');
  light.dataset['theme'] = 'light';
  document.body.append(dark, light);
  await setColorScheme('dark');
  expect(accentOf(dark)).toBe(DARK_ACCENT);
  expect(accentOf(light)).toBe(LIGHT_ACCENT);
  expect(getComputedStyle(light).colorScheme).toBe('light');
  await setColorScheme('light');
  expect(accentOf(dark)).toBe(DARK_ACCENT);
  expect(getComputedStyle(dark).colorScheme).toBe('dark');
});

it("draws the browser's own parts in the chat's palette, and leaves the page's color-scheme alone", async () => {
  const chat = document.createElement('div');
  chat.dataset['slot'] = 'chat-stream';
  document.body.append(chat);
  await setColorScheme('dark');
  expect(getComputedStyle(chat).colorScheme).toBe('dark');
  expect(getComputedStyle(document.documentElement).colorScheme).toBe('normal');
  await setColorScheme('light');
  expect(getComputedStyle(chat).colorScheme).toBe('light');
  const ownDark = pageTheme(`[data-slot='chat-stream'] { --cs-bg: #000; --cs-color-scheme: dark; }`);
  ownDark.dataset['pageTheme'] = '';
  expect(getComputedStyle(chat).colorScheme).toBe('dark');
});
