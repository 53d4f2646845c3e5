import { Activity } from 'react';
import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { MessageList } from './message-list.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

function rows(count: number) {
  return Array.from({ length: count }, (_, index) => (
    <p key={index} style={{ blockSize: 40, margin: 0 }}>
      Row {index}
    </p>
  ));
}

interface ListProps {
  count: number;
  busy?: boolean;
  followKey?: number;
  threshold?: number;
}

function List({ count, busy = false, followKey, threshold }: ListProps) {
  return (
    <MessageList
      busy={busy}
      followKey={followKey}
      threshold={threshold}
      style={{ blockSize: 300 }}
      className="mine"
    >
      {rows(count)}
    </MessageList>
  );
}

/** Resolves right after the next frame has been rendered. */
const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

const distanceFromEnd = (element: HTMLElement) =>
  element.scrollHeight - element.scrollTop - element.clientHeight;

it('is a labelled log that is aria-busy while a response streams', async () => {
  const screen = await render(<List count={2} busy />);
  const log = screen.getByRole('log', { name: 'Conversation' });
  await expect.element(log).toHaveAttribute('aria-busy', 'true');
  await screen.rerender(<List count={2} />);
  await expect.element(log).toHaveAttribute('aria-busy', 'false');
  const root = screen.container.querySelector('[data-slot="message-list"]')!;
  expect(root.className).toBe('mine');
  await expectNoAxeViolations(screen.container);
});

it('sticks to the end while content grows', async () => {
  const screen = await render(<List count={20} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await screen.rerender(<List count={40} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  expect(screen.getByRole('button', { name: 'Jump to latest' }).query()).toBeNull();
});

it('stops following when the user scrolls up, and jumps back to the latest on request', async () => {
  const screen = await render(<List count={30} busy />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  log.scrollTop = 0;
  const jump = screen.getByRole('button', { name: 'Jump to latest' });
  await expect.element(jump).toBeVisible();
  await screen.rerender(<List count={45} busy />);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(log.scrollTop).toBe(0);
  await expectNoAxeViolations(screen.container);
  await jump.click();
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await expect.element(jump).not.toBeInTheDocument();
  expect(document.activeElement).toBe(log);
  await screen.rerender(<List count={60} busy />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
});

it('stops following when the user scrolls up between two frames of a fast stream', async () => {
  const screen = await render(<List count={30} busy />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  // Right after a frame the list has just scrolled itself to the new end, so the next scroll event is
  // the list's and the user's at once.
  for (let count = 31; count < 40; count++) {
    await screen.rerender(<List count={count} busy />);
    await afterFrame();
    if (count === 34) log.scrollTop = 10;
  }
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  expect(log.scrollTop).toBe(10);
});

it('follows again from wherever the user is when followKey changes, even right after its own scroll', async () => {
  const screen = await render(<List count={30} followKey={0} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  // The list has just scrolled itself to the end: the user's scroll up shares its scroll event.
  log.scrollTop = 0;
  await screen.rerender(<List count={30} followKey={1} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
});

it('follows again once the user scrolls back to the end themselves', async () => {
  const screen = await render(<List count={30} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  log.scrollTop = 0;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  log.scrollTop = log.scrollHeight;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
  await screen.rerender(<List count={50} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
});

it('reads a threshold changed after mounting when the content grows', async () => {
  const screen = await render(<List count={30} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  log.scrollTop = log.scrollHeight - log.clientHeight - 100;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  // 100 px (and a row) from the end is now close enough: the growth brings the end into view.
  await screen.rerender(<List count={31} threshold={250} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
});

it('goes back to the end and follows again when followKey changes (the person sent a message)', async () => {
  const screen = await render(<List count={30} followKey={0} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  log.scrollTop = 0;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  // The same key: still where the user scrolled to.
  await screen.rerender(<List count={31} followKey={0} />);
  expect(log.scrollTop).toBe(0);
  await screen.rerender(<List count={32} followKey={1} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
  await screen.rerender(<List count={50} followKey={1} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
});

/** The list inside React's <Activity>, as a tab that is hidden and shown again. */
const shown = (mode: 'visible' | 'hidden', count: number) => (
  <Activity mode={mode}>
    <List count={count} followKey={0} />
  </Activity>
);

it('keeps where the user scrolled to when hidden and shown again by <Activity>', async () => {
  const screen = await render(shown('visible', 30));
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  log.scrollTop = 100;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  await screen.rerender(shown('hidden', 30));
  await screen.rerender(shown('visible', 31));
  await afterFrame();
  expect(log.scrollTop).toBe(100);
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
});

it('shows the end of what arrived while it was hidden by <Activity>, when it was following', async () => {
  const screen = await render(shown('visible', 30));
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await screen.rerender(shown('hidden', 30));
  await screen.rerender(shown('hidden', 60));
  await screen.rerender(shown('visible', 60));
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  expect(screen.getByRole('button', { name: 'Jump to latest' }).query()).toBeNull();
});

/** A touch event on `target` with one finger at `clientY` (none for the finger lifted). */
function touch(target: Element, type: string, clientY?: number): void {
  const touches = clientY === undefined ? [] : [new Touch({ identifier: 1, target, clientY })];
  target.dispatchEvent(new TouchEvent(type, { bubbles: true, touches, changedTouches: touches }));
}

it('lets go of the end as soon as a finger drags the transcript back, however slowly', async () => {
  // A slow drag moves less between two tokens than the threshold, which a token each row stands for.
  const screen = await render(<List count={30} busy threshold={200} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  touch(log, 'touchstart', 300);
  for (let count = 31; count <= 34; count++) {
    touch(log, 'touchmove', 300 + (count - 30) * 10);
    log.scrollTop -= 10;
    await screen.rerender(<List count={count} busy threshold={200} />);
    await afterFrame();
  }
  touch(log, 'touchend');
  await screen.rerender(<List count={35} busy threshold={200} />);
  await afterFrame();
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  expect(distanceFromEnd(log)).toBeGreaterThan(100);
  // Only the very end follows again.
  log.scrollTop = log.scrollHeight;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).not.toBeInTheDocument();
});

it('leaves the transcript where a resting finger holds it, and follows again once it is lifted', async () => {
  const screen = await render(<List count={30} busy />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  const row = log.querySelector('p')!;
  touch(row, 'touchstart', 300);
  await screen.rerender(<List count={35} busy />);
  await afterFrame();
  expect(distanceFromEnd(log)).toBeGreaterThan(100);
  touch(row, 'touchend');
  await screen.rerender(<List count={36} busy />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
});

/** The list with a typing indicator after its rows while `extra`. */
const Listed = ({ count, extra }: { count: number; extra: boolean }) => (
  <MessageList style={{ blockSize: 300 }} busy>
    {rows(count)}
    {extra ? <p data-testid="extra">Claude is typing…</p> : null}
  </MessageList>
);

it('follows again after a finger lifted from something that was removed meanwhile', async () => {
  const screen = await render(<Listed count={30} extra />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  const extra = screen.getByTestId('extra').element();
  touch(extra, 'touchstart', 300);
  await screen.rerender(<Listed count={31} extra={false} />);
  touch(extra, 'touchend');
  await screen.rerender(<Listed count={40} extra={false} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  expect(screen.getByRole('button', { name: 'Jump to latest' }).query()).toBeNull();
});

it('keeps following through a swipe or a wheel that does not move the transcript', async () => {
  const screen = await render(<List count={30} busy threshold={200} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  // Across a wide table or code block: the transcript itself does not scroll.
  const row = log.querySelector('p')!;
  touch(row, 'touchstart', 300);
  touch(row, 'touchmove', 301);
  touch(row, 'touchend');
  row.dispatchEvent(new WheelEvent('wheel', { bubbles: true, deltaY: -40 }));
  await screen.rerender(<List count={35} busy threshold={200} />);
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  expect(screen.getByRole('button', { name: 'Jump to latest' }).query()).toBeNull();
});

it('lets go of the end when the wheel turns the transcript back, however little', async () => {
  const screen = await render(<List count={30} busy threshold={200} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await afterFrame();
  log.dispatchEvent(new WheelEvent('wheel', { bubbles: true, deltaY: -40 }));
  log.scrollTop -= 20;
  await afterFrame();
  await screen.rerender(<List count={31} busy threshold={200} />);
  await afterFrame();
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
});

/** Rows, then the answer streaming in, `lines` lines of 10 px tall (a token that starts a line grows it). */
const Streaming = ({ lines }: { lines: number }) => (
  <MessageList style={{ blockSize: 300 }} busy>
    {rows(30)}
    <p style={{ blockSize: lines * 10, margin: 0, overflow: 'hidden' }}>Answer</p>
  </MessageList>
);

it('stays where the wheel put it, a little way up (less than the threshold), as the answer grows', async () => {
  const screen = await render(<Streaming lines={1} />);
  const log = screen.getByRole('log').element() as HTMLElement;
  const list = screen.container.querySelector('[data-slot="message-list"]')!;
  await expect.poll(() => distanceFromEnd(log)).toBeLessThanOrEqual(1);
  await afterFrame();
  // 20 px up, within the default 48 px of the end.
  log.dispatchEvent(new WheelEvent('wheel', { bubbles: true, deltaY: -20 }));
  log.scrollTop -= 20;
  await afterFrame();
  const top = log.scrollTop;
  const height = log.scrollHeight;
  // The next tokens bring the end no further than the threshold from where the person is.
  for (let lines = 2; lines <= 3; lines++) {
    await screen.rerender(<Streaming lines={lines} />);
    await afterFrame();
  }
  expect(log.scrollHeight).toBe(height + 20);
  expect(log.scrollTop).toBe(top);
  expect(list.getAttribute('data-state')).toBe('detached');
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
});
