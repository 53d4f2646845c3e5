import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifyBatcher } from './notify-batcher.ts';

describe('createNotifyBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces a burst into one flush per slot of N ms', () => {
    const flush = vi.fn<() => void>();
    const batcher = createNotifyBatcher(flush, () => 50);
    for (let index = 0; index < 100; index += 1) batcher.schedule();
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(flush).toHaveBeenCalledTimes(1);
    batcher.schedule();
    vi.advanceTimersByTime(49);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("uses requestAnimationFrame for 'frame', flushes at once when false, and cancels a pending slot", () => {
    const flush = vi.fn<() => void>();
    let mode: 'frame' | false = 'frame';
    const batcher = createNotifyBatcher(flush, () => mode);
    batcher.schedule();
    batcher.schedule();
    vi.advanceTimersToNextFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    batcher.schedule();
    batcher.cancel();
    vi.advanceTimersToNextFrame();
    expect(flush).toHaveBeenCalledTimes(1);
    mode = false;
    batcher.schedule();
    batcher.schedule();
    expect(flush).toHaveBeenCalledTimes(3);
  });
});
