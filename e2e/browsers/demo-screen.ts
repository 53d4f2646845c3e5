import type { Tab } from './browser.ts';
import { waitUntil } from './wait-until.ts';

/** The composer's message box, where people type. */
const COMPOSER = '[data-slot="composer-input"]';
const ERRORS = '__e2eErrors';

/** What a user sees of the demo's chat at one moment. */
export interface Screen {
  /** The transport badge's accessible name ("Mode: Relay, …" / "Mode: Mock, …"), empty before boot. */
  mode: string;
  /** The status pill of the stream statistics: `ready`, `submitted`, `streaming`, `error`, … */
  status: string;
  /** The transcript is `aria-busy` (an answer is on its way). */
  busy: boolean;
  /** The message box takes input. */
  editable: boolean;
  /** How many answers from Claude the transcript shows. */
  answers: number;
  /** The last answer's `data-state` (`streaming`, `complete`, `aborted`, `error`), empty without one. */
  state: string;
  /** The last answer's text, white space collapsed. */
  text: string;
  /** The error notice in the transcript ("The connection was lost", …), or null when there is none. */
  notice: string | null;
  /** Uncaught errors, unhandled rejections and `console.error` calls since the demo opened. */
  pageErrors: string[];
}

/** Reads the demo's {@link Screen} in `tab`. */
export function readScreen(tab: Tab): Promise<Screen> {
  return tab.evaluate((errorsKey: string) => {
    const log = document.querySelector('[role="log"][aria-label="Conversation"]');
    const answers = [...(log?.querySelectorAll('article[data-role="assistant"]') ?? [])];
    const last = answers.at(-1);
    const composer = document.querySelector('[data-slot="composer-input"]');
    return {
      mode: document.querySelector('[role="status"][aria-label^="Mode:"]')?.getAttribute('aria-label') ?? '',
      status: document.querySelector('.status-pill')?.getAttribute('data-status') ?? '',
      busy: log?.getAttribute('aria-busy') === 'true',
      editable: composer instanceof HTMLTextAreaElement && !composer.disabled,
      answers: answers.length,
      state: last?.getAttribute('data-state') ?? '',
      text: [...(last?.querySelectorAll('[data-slot="text-block"]') ?? [])]
        .map((block) => block.textContent ?? '')
        .join(' ')
        .replaceAll(/\s+/gu, ' ')
        .trim(),
      notice: log?.querySelector('[data-slot="error-notice"]')?.textContent ?? null,
      pageErrors: [...((window as unknown as Record<string, string[] | undefined>)[errorsKey] ?? [])],
    };
  }, ERRORS);
}

/**
 * Opens the demo at `url` and waits until it booted in `mode` with an idle, empty conversation; from
 * then on the page's uncaught errors and `console.error` calls show in {@link Screen.pageErrors}.
 */
export async function openDemo(tab: Tab, url: string, mode: 'relay' | 'msw'): Promise<void> {
  await tab.goto(url);
  const badge = mode === 'relay' ? 'Mode: Relay' : 'Mode: Mock';
  await waitUntil(
    () => readScreen(tab),
    (screen) => screen.mode.startsWith(badge) && screen.editable && !screen.busy && screen.answers === 0,
    `the demo booted in ${mode} mode`,
  );
  await tab.evaluate((errorsKey: string) => {
    const errors: string[] = [];
    (window as unknown as Record<string, string[]>)[errorsKey] = errors;
    addEventListener('error', (event) => errors.push(`error: ${event.message}`));
    addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${event.reason}`));
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(`console.error: ${args.map(String).join(' ')}`);
      consoleError.apply(console, args);
    };
  }, ERRORS);
}

/** Types `text` into the message box and sends it with Enter, as a user does. */
export function send(tab: Tab, text: string): Promise<void> {
  return tab.typeAndEnter(COMPOSER, text);
}

/** Presses the composer's Stop button. */
export function pressStop(tab: Tab): Promise<void> {
  return tab.click('[data-slot="stop-button"]');
}

/** Waits until the last answer has ended (complete, stopped or failed) and the chat is ready or failed. */
export function answerEnded(tab: Tab, timeout?: number): Promise<Screen> {
  return waitUntil(
    () => readScreen(tab),
    (screen) =>
      screen.answers > 0 &&
      screen.state !== 'streaming' &&
      !screen.busy &&
      screen.status !== 'submitted' &&
      screen.status !== 'streaming',
    'the answer ended',
    timeout,
  );
}
