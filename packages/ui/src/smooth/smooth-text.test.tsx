import { createMockResponse, scenarios } from '@chatstream/mocks';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ChatStream } from '../chat-stream.tsx';
import { markdownRenderText } from '../markdown/markdown-render-text.tsx';
import { installStyles } from '../test/styles.ts';
import { findSnapshot, snapshotsOf, toChatMessage } from '../blocks/test/message-snapshots.ts';
import { renderBlock } from '../blocks/test/render-block.tsx';
import { graphemeFloor } from './reveal-pace.ts';
import { smoothRenderText } from './smooth-render-text.tsx';
import { SmoothText } from './smooth-text.tsx';

installStyles();

const ANSWER = 'Server-sent events carry one HTTP response that never ends. '.repeat(5);

/** A renderer that records what it was asked to draw. */
function recordingRender() {
  const calls: { text: string; streaming: boolean }[] = [];
  const draw = (text: string, streaming: boolean): ReactNode => {
    calls.push({ text, streaming });
    return <p data-testid="shown">{text}</p>;
  };
  return { calls, draw };
}

const shownText = (container: HTMLElement) => container.querySelector('[data-testid="shown"]')?.textContent;

describe('SmoothText', () => {
  it('shows text that is complete when it mounts at once', async () => {
    const { draw, calls } = recordingRender();
    const screen = await render(<SmoothText text={ANSWER} streaming={false} render={draw} />);
    expect(shownText(screen.container)).toBe(ANSWER);
    expect(calls.every((call) => call.text === ANSWER && !call.streaming)).toBe(true);
  });

  it('reveals a burst over many frames, telling the renderer it streams until the last character shows', async () => {
    const { draw, calls } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} lagMs={400} />, {
      wrapper: StrictMode,
    });
    await screen.rerender(<SmoothText text={ANSWER} streaming render={draw} lagMs={400} />);
    // The burst is not drawn at once.
    expect(shownText(screen.container)!.length).toBeLessThan(ANSWER.length / 2);

    await expect.poll(() => shownText(screen.container), { timeout: 5000 }).toBe(ANSWER);
    const lengths = calls.map((call) => call.text.length);
    expect(new Set(lengths).size).toBeGreaterThan(10);
    lengths.forEach((length, index) => expect(length).toBeGreaterThanOrEqual(lengths[index - 1] ?? 0));
    for (const call of calls) expect(ANSWER.startsWith(call.text) && call.streaming).toBe(true);

    await screen.rerender(<SmoothText text={ANSWER} streaming={false} render={draw} lagMs={400} />);
    expect(calls.at(-1)).toEqual({ text: ANSWER, streaming: false });
  });

  it('finishes revealing what arrived after the stream ended, still marked as streaming', async () => {
    const { draw, calls } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} />);
    await screen.rerender(<SmoothText text={ANSWER} streaming={false} render={draw} />);
    expect(calls.at(-1)).toMatchObject({ streaming: true });
    await expect.poll(() => calls.at(-1), { timeout: 5000 }).toEqual({ text: ANSWER, streaming: false });
  });

  it('never shows part of an emoji or of a letter with accents', async () => {
    const text = 'Bravo 👏🏾 pour la re\u0301ussite 🇫🇷 👩‍👩‍👧‍👦 '.repeat(6);
    const { draw, calls } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} lagMs={100} />);
    await screen.rerender(<SmoothText text={text} streaming render={draw} lagMs={100} />);
    await expect.poll(() => shownText(screen.container), { timeout: 5000 }).toBe(text);
    for (const { text: shown } of calls) expect(graphemeFloor(text, shown.length)).toBe(shown.length);
  });

  it('shows text as it arrives for people who ask for reduced motion', async () => {
    const matchMedia = window.matchMedia.bind(window);
    vi.spyOn(window, 'matchMedia').mockImplementation((query) =>
      query === '(prefers-reduced-motion: reduce)'
        ? ({ matches: true } as MediaQueryList)
        : matchMedia(query),
    );
    const { draw } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} />);
    await screen.rerender(<SmoothText text={ANSWER} streaming render={draw} />);
    expect(shownText(screen.container)).toBe(ANSWER);
    vi.restoreAllMocks();
  });

  it('shows a shorter text that replaced the one revealed, and reveals what follows it', async () => {
    const { draw } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} lagMs={50} />);
    await screen.rerender(<SmoothText text={ANSWER} streaming render={draw} lagMs={50} />);
    await expect.poll(() => shownText(screen.container), { timeout: 5000 }).toBe(ANSWER);
    await screen.rerender(<SmoothText text="Short." streaming render={draw} lagMs={50} />);
    expect(shownText(screen.container)).toBe('Short.');
    await screen.rerender(<SmoothText text={`Short. ${ANSWER}`} streaming render={draw} lagMs={50} />);
    expect(shownText(screen.container)).toBe('Short.');
    await expect.poll(() => shownText(screen.container), { timeout: 5000 }).toBe(`Short. ${ANSWER}`);
  });

  it('stops drawing once unmounted', async () => {
    const { draw, calls } = recordingRender();
    const screen = await render(<SmoothText text="" streaming render={draw} lagMs={2000} />);
    await screen.rerender(<SmoothText text={ANSWER} streaming render={draw} lagMs={2000} />);
    await expect.poll(() => calls.length).toBeGreaterThan(3);
    await screen.unmount();
    const drawn = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.length).toBe(drawn);
  });

  it('draws plain lines in a text block with one cursor, inline after the last character shown', async () => {
    const snapshots = await snapshotsOf(scenarios.stopSequence);
    const mid = findSnapshot(
      snapshots,
      (s) => s.blocks[0]?.streaming === true && String(s.message.content[0]?.['text']).includes('\n'),
    );
    const screen = await renderBlock(toChatMessage(mid), 0, { renderText: smoothRenderText() });
    const text = String(mid.message.content[0]?.['text']);
    const lines = () =>
      [...screen.container.querySelectorAll('[data-slot="text-line"]')].map((line) => line.textContent);
    await expect.poll(lines).toEqual(text.split('\n'));
    const cursors = [...screen.container.querySelectorAll('[data-slot="streaming-cursor"]')].filter(
      (cursor) => getComputedStyle(cursor).display !== 'none',
    );
    expect(cursors).toHaveLength(1);
    expect(cursors[0]?.parentElement?.dataset['slot']).toBe('text-line');
    const content = screen.container.querySelector('[data-slot="smooth-plain-text"]')!;
    expect(getComputedStyle(content).whiteSpace).toBe('pre-wrap');
  });
});

describe('smoothRenderText in <ChatStream>', () => {
  it('reveals the answer as markdown and ends with all of it and no cursor', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      createMockResponse(scenarios.longAnswer, {
        timing: { timeToFirstToken: 20, tokensPerSecond: 400, jitter: 0 },
      }),
    );
    const renderText = smoothRenderText(markdownRenderText);
    const screen = await render(<ChatStream api="/api/chat" fetch={fetch} renderText={renderText} />);
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Why stream?');
    await userEvent.keyboard('{Enter}');
    const answer = screen.getByRole('article', { name: 'Claude' });
    await expect
      .element(answer.getByText(/deserves a clear message rather than a frozen screen\.$/))
      .toBeVisible();

    await expect.element(answer.getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
    await expect.element(answer.getByRole('listitem')).toHaveLength(3);
    expect(answer.element().querySelector('pre code')?.textContent).toContain('output.append(text);');
    expect(answer.element().querySelector('[data-slot="streaming-cursor"]')).toBeNull();
  });
});
