import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubAnimationFrames } from '../test/stub-animation-frames.ts';
import { createNotifyScheduler } from './notify-scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createNotifyScheduler', () => {
  it('coalesces calls into one run per animation frame when requestAnimationFrame exists', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const run = vi.fn<() => void>();
    const scheduler = createNotifyScheduler(run, () => 'frame');
    scheduler.schedule();
    scheduler.schedule();
    expect(frames).toHaveLength(1);
    frames[0]?.(0);
    expect(run).toHaveBeenCalledOnce();
    scheduler.schedule();
    expect(frames).toHaveLength(2);
  });

  it('runs the schedulers of several sessions in one frame callback, so a UI bound to all commits once', () => {
    const { runFrame, pending } = stubAnimationFrames();
    const runs: string[] = [];
    const lead = createNotifyScheduler(
      () => runs.push('lead'),
      () => 'frame',
    );
    const agent = createNotifyScheduler(
      () => runs.push('agent'),
      () => 'frame',
    );
    const other = createNotifyScheduler(
      () => runs.push('other'),
      () => 'frame',
    );
    lead.schedule();
    agent.schedule();
    other.schedule();
    expect(pending()).toBe(1);
    // One of them cancelled: the others still run.
    other.cancel();
    runFrame();
    expect(runs).toEqual(['lead', 'agent']);
  });

  it('falls back to a ~16 ms timer without requestAnimationFrame, and uses N ms for a number', () => {
    vi.useFakeTimers();
    const run = vi.fn<() => void>();
    let throttle: 'frame' | number = 'frame';
    const scheduler = createNotifyScheduler(run, () => throttle);
    scheduler.schedule();
    vi.advanceTimersByTime(15);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledOnce();
    throttle = 100;
    scheduler.schedule();
    scheduler.schedule();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs at once with false; cancel() drops the pending run', () => {
    vi.useFakeTimers();
    const run = vi.fn<() => void>();
    let throttle: number | false = false;
    const scheduler = createNotifyScheduler(run, () => throttle);
    scheduler.schedule();
    scheduler.schedule();
    expect(run).toHaveBeenCalledTimes(2);
    throttle = 10;
    scheduler.schedule();
    scheduler.cancel();
    vi.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('settle() runs at once, or at the next frame when a batched run already published in this one', async () => {
    const { runFrame, pending } = stubAnimationFrames();
    const run = vi.fn<() => void>();
    const scheduler = createNotifyScheduler(run, () => 'frame');

    await scheduler.settle(); // nothing published in this frame yet
    expect(run).toHaveBeenCalledTimes(1);

    scheduler.schedule();
    runFrame(); // a batched run publishes in this frame
    expect(run).toHaveBeenCalledTimes(2);
    let settled = false;
    const settling = scheduler.settle().then(() => (settled = true));
    scheduler.cancel(); // a synchronous flush elsewhere publishes everything: the waiter is released
    await settling;
    expect(settled).toBe(true);
    expect(run).toHaveBeenCalledTimes(2);

    const deferred = scheduler.settle();
    expect(run).toHaveBeenCalledTimes(2); // not twice in one frame
    runFrame();
    await deferred;
    expect(run).toHaveBeenCalledTimes(3);

    runFrame(); // the frame after that published nothing by batch: settle() is immediate again
    await scheduler.settle();
    expect(run).toHaveBeenCalledTimes(4);
    expect(pending()).toBe(0);
  });

  it('settle() does not wait for frames a hidden page does not run', async () => {
    const { runFrame } = stubAnimationFrames();
    const run = vi.fn<() => void>();
    const scheduler = createNotifyScheduler(run, () => 'frame');
    scheduler.schedule();
    runFrame(); // tokens shown; then the user switches tabs and the browser stops running frames
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    await scheduler.settle();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('settle() runs after 100 ms when the next frame does not come (a throttled iframe)', async () => {
    vi.useFakeTimers();
    const { runFrame } = stubAnimationFrames();
    const run = vi.fn<() => void>();
    const scheduler = createNotifyScheduler(run, () => 'frame');
    scheduler.schedule();
    runFrame();
    let settled = false;
    const settling = scheduler.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await settling;
    expect(run).toHaveBeenCalledTimes(2);
    runFrame(); // the late frame finds nothing left to publish
    expect(run).toHaveBeenCalledTimes(2);
    // and the next settle waits for the next frame again, with its own deadline
    scheduler.schedule();
    runFrame();
    const again = scheduler.settle();
    await vi.advanceTimersByTimeAsync(100);
    await again;
    expect(run).toHaveBeenCalledTimes(4);
  });
});
