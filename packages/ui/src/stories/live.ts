import type { MockScenario, TimingOptions } from '@chatstream/mocks';
import { createChatHandlers } from '@chatstream/mocks/msw';
import type { StoryContext } from '@storybook/react-vite';
import { http } from 'msw';
import { expect, waitFor } from 'storybook/test';

/**
 * True when the story runs as a Vitest test (`vitest --project storybook`), false in the Storybook
 * UI. Vitest's browser runner sets this global in the page that renders the stories.
 */
export const underTest: boolean =
  // oxlint-disable-next-line no-underscore-dangle -- the name Vitest's browser runner sets
  (globalThis as { __vitest_browser__?: unknown }).__vitest_browser__ === true;

/**
 * How long a play function waits for a live stream to get somewhere: short under test (streams are
 * fast there), generous in the UI, where they run at the API's pace on whatever machine shows them.
 */
export const streamTimeout: number = underTest ? 8000 : 30_000;

/** Pace of a live stream: `fast` for tests, `realistic` is the API's feel, `slow` gives time to press Stop. */
export type Pace = 'realistic' | 'slow';

/**
 * Stream timing for a live story: the real API's pace in the Storybook UI so people watch it stream,
 * and a fast one under test. `slow` stays slow enough under test that a Stop lands mid-stream.
 */
export function liveTiming(pace: Pace = 'realistic'): TimingOptions | 'realistic' {
  if (pace === 'slow')
    return underTest ? { timeToFirstToken: 50, tokensPerSecond: 30 } : { tokensPerSecond: 20 };
  return underTest ? { timeToFirstToken: 50, tokensPerSecond: 400 } : 'realistic';
}

/** Options of {@link serveChat}. */
export interface ServeChatOptions {
  /** Pace of the streams (see {@link liveTiming}); or explicit timing. */
  pace?: Pace | TimingOptions;
  /** Answer as a relay with `resume` on: a dropped connection is read on (see the mocks' `resume`). */
  resume?: boolean;
}

/**
 * A story `beforeEach` that answers `POST /api/chat` through the MSW worker with the given scenarios
 * in turn: the first request gets the first, the next the second, and the last repeats. A session
 * continues after a tool call or a retry with a new request, so a conversation is a sequence.
 * Fresh handlers per render: the sequence starts over whenever the story is shown again.
 *
 * @example
 * export const Approve = meta.story({ beforeEach: serveChat([scenarios.toolUse, answer]) });
 */
export function serveChat(
  sequence: readonly [MockScenario, ...MockScenario[]],
  options: ServeChatOptions = {},
): (context: StoryContext) => Promise<void> {
  return async ({ msw }) => {
    const timing = typeof options.pace === 'object' ? options.pace : liveTiming(options.pace);
    const chat = createChatHandlers({ scenario: sequence[0], timing, resume: options.resume ?? false });
    let served = 0;
    // Answers nothing itself (MSW falls through to the chat handlers); it only moves the sequence on.
    const advance = http.post('*/api/chat', () => {
      chat.use(sequence[Math.min(served, sequence.length - 1)]!);
      served += 1;
    });
    msw.use(advance, ...chat.handlers);
  };
}

/** Types `text` into the composer of the story and sends it with Enter. */
export async function sendPrompt(
  { canvas, userEvent }: Pick<StoryContext, 'canvas' | 'userEvent'>,
  text: string,
): Promise<HTMLElement> {
  const box = await canvas.findByRole('textbox', { name: 'Message' });
  await userEvent.type(box, text);
  await userEvent.keyboard('{Enter}');
  return box;
}

/** Waits until the transcript is no longer busy (the response ended). */
export async function waitUntilSettled(
  { canvas }: Pick<StoryContext, 'canvas'>,
  timeout: number = streamTimeout,
): Promise<void> {
  const log = canvas.getByRole('log', { name: 'Conversation' });
  await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'false'), { timeout });
}
