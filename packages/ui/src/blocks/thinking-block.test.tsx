import { scenarios } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectNoAxeViolations } from '../test/axe.ts';
import { thinkingSummary } from './thinking-block.tsx';
import { findSnapshot, snapshotsOf, toChatMessage } from './test/message-snapshots.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const details = (container: HTMLElement) =>
  container.querySelector('[data-slot="thinking-block"]') as HTMLDetailsElement;

describe('ThinkingBlock', () => {
  it('is open while the thinking streams and collapses to "Thought for …" when it ends', async () => {
    const snapshots = await snapshotsOf(scenarios.thinking);
    const mid = findSnapshot(
      snapshots,
      (s) => s.blocks[0]?.streaming === true && String(s.message.content[0]?.['thinking']).length > 10,
    );
    const screen = await renderBlock(toChatMessage(mid), 0);
    const root = details(screen.container);
    expect(root.open).toBe(true);
    expect(root.dataset['state']).toBe('streaming');
    await expect.element(screen.getByText('Thinking…')).toBeVisible();
    await expect.element(screen.getByText(String(mid.message.content[0]?.['thinking']))).toBeVisible();
    await expectNoAxeViolations(screen.container);

    await screen.rerender(<div>{blockElement(toChatMessage(snapshots.at(-1)!), 0)}</div>);
    await expect.poll(() => root.open).toBe(false);
    expect(root.dataset['state']).toBe('complete');
    await expect.element(screen.getByText(/^Thought for \d+ seconds?$/)).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('starts collapsed for finished thinking, and the user can open it', async () => {
    const snapshots = await snapshotsOf(scenarios.thinking);
    const screen = await renderBlock(toChatMessage(snapshots.at(-1)!), 0);
    const root = details(screen.container);
    expect(root.open).toBe(false);
    const summary = screen.getByText('Thought process');
    await userEvent.click(summary);
    await expect.poll(() => root.open).toBe(true);
    await expect.element(screen.getByText(/17 × 20 = 340/)).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('summarises durations in whole seconds', () => {
    expect(thinkingSummary(true, undefined)).toBe('Thinking…');
    expect(thinkingSummary(false, 200)).toBe('Thought for 1 second');
    expect(thinkingSummary(false, 12_400)).toBe('Thought for 12 seconds');
    expect(thinkingSummary(false, undefined)).toBe('Thought process');
  });
});

describe('RedactedThinkingBlock', () => {
  it('says reasoning was encrypted and never shows the data', async () => {
    const snapshots = await snapshotsOf(scenarios.redactedThinking);
    const message = toChatMessage(snapshots.at(-1)!);
    const index = message.content.findIndex((block) => block.type === 'redacted_thinking');
    const screen = await renderBlock(message, index, { className: 'mine' });
    await expect.element(screen.getByText(/encrypted for safety reasons/)).toBeVisible();
    expect(screen.container.textContent).not.toContain(String(message.content[index]?.['data']).slice(0, 12));
    expect(screen.container.querySelector('[data-slot="redacted-thinking-block"]')?.className).toBe('mine');
    await expectNoAxeViolations(screen.container);
  });
});
