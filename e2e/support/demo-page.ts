import { expect, type Locator, type Page } from '@playwright/test';

/** The demo's chat screen, found by role and accessible name. */
export interface DemoPage {
  readonly page: Page;
  /** The transcript (`role="log"`, "Conversation"). */
  readonly conversation: Locator;
  /** The message box. */
  readonly composer: Locator;
  /** The transport badge in the header ("Mode: Relay, …" / "Mode: Mock, …"). */
  readonly modeBadge: Locator;
  /** Claude's answers in the transcript, oldest first. */
  readonly answers: Locator;
  /** The output-token progress bar of the stream stats under the transcript. */
  readonly tokenProgress: Locator;
  /** The notice of a failed answer in the transcript ("The connection was lost", Retry). */
  readonly errorNotice: Locator;
  /** Types `text` into the message box and sends it with Enter. */
  send(text: string): Promise<void>;
  /** Chooses a scenario in the sidebar's picker (by its label, e.g. "Overloaded mid stream"). */
  pickScenario(label: string): Promise<void>;
}

/**
 * Locators and actions for the demo's chat screen.
 *
 * @example
 * const demo = demoPage(page);
 * await demo.send('Hello [scenario:basic]');
 * await expect(demo.answers.last()).toContainText("I'm Claude");
 */
export function demoPage(page: Page): DemoPage {
  const conversation = page.getByRole('log', { name: 'Conversation' });
  const composer = page.getByRole('textbox', { name: 'Message' });
  return {
    page,
    conversation,
    composer,
    modeBadge: page.getByRole('status', { name: /^Mode:/ }),
    answers: conversation.getByRole('article', { name: 'Claude' }),
    tokenProgress: page.getByRole('progressbar', { name: 'Output tokens used of max_tokens' }),
    // It has no role of its own: the transcript (a log) and the announcer already speak it.
    errorNotice: conversation.locator('[data-slot="error-notice"]'),
    async send(text) {
      await composer.fill(text);
      await composer.press('Enter');
    },
    async pickScenario(label) {
      const picker = page.getByRole('navigation', { name: 'Mock scenarios' });
      // The radio itself is visually hidden under its styled label, which is what people click.
      await picker.getByText(label, { exact: true }).click();
      await expect(picker.getByRole('radio', { name: new RegExp(`^${label}\\b`, 'u') })).toBeChecked();
    },
  };
}

/**
 * Opens the demo (`search` such as `?mode=msw`) and waits until it has booted in the expected
 * transport mode with an empty conversation.
 */
export async function openDemo(
  page: Page,
  mode: 'relay' | 'msw',
  search = '',
  origin = '',
): Promise<DemoPage> {
  await page.goto(`${origin}/${search}`);
  const demo = demoPage(page);
  await expect(demo.modeBadge).toHaveAccessibleName(
    mode === 'relay' ? /^Mode: Relay, ANTHROPIC_BASE_URL/ : /^Mode: Mock/,
  );
  await expect(demo.composer).toBeEditable();
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');
  return demo;
}
