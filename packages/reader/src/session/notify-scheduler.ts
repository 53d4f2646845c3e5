import { callBack } from '../report-error.ts';

/** How long `settle()` waits for the next animation frame before it runs anyway. */
const FRAME_WAIT_MS = 100;

/** Runs `callback` later, once; returns a function that cancels it. */
export type ScheduleFlush = (callback: () => void) => () => void;

/** Coalesces change notifications: many `schedule()` calls, one `run` per slot. */
export interface NotifyScheduler {
  /** Runs `run` at the next slot (at once when unbatched); repeated calls before it add nothing. */
  schedule(): void;
  /** Drops the pending run (after a synchronous flush published everything). */
  cancel(): void;
  /**
   * Runs `run` now, or, when a batched run already published in this animation frame (`'frame'`
   * mode), at the next frame: a UI bound to the store then never commits twice in one frame, and
   * nothing is painted later than a synchronous run would be. Resolves once it has run: at once in a
   * hidden page, within {@link FRAME_WAIT_MS} when frames do not come.
   */
  settle(): Promise<void>;
}

/**
 * A {@link NotifyScheduler} for `throttle`, read at each `schedule()` so it can change between streams:
 * `'frame'` is `requestAnimationFrame` where it exists (else a ~16 ms timer), a number is a timer of
 * that many ms, `false` runs at once, a function is used as the scheduler.
 */
export function createNotifyScheduler(
  run: () => void,
  throttle: () => 'frame' | number | false | ScheduleFlush,
): NotifyScheduler {
  let cancelSlot: (() => void) | undefined;
  let wanted = false;
  // True from a batched run in an animation frame until the next frame starts.
  let frameUsed = false;
  let waiters: (() => void)[] = [];
  let fallback: ReturnType<typeof setTimeout> | undefined;

  const release = (): void => {
    clearTimeout(fallback);
    fallback = undefined;
    const due = waiters;
    waiters = [];
    for (const resolve of due) resolve();
  };
  const runNow = (): void => {
    wanted = false;
    run();
    release();
  };

  const open = (schedule: ScheduleFlush, frames: boolean): void => {
    cancelSlot = schedule(() => {
      cancelSlot = undefined;
      frameUsed = false;
      if (!wanted) return;
      runNow();
      if (!frames) return;
      // One more frame callback marks where this frame ends; it is the next batch's slot too.
      frameUsed = true;
      open(schedule, frames);
    });
  };

  return {
    schedule() {
      wanted = true;
      if (cancelSlot) return;
      const mode = throttle();
      if (mode === false) {
        wanted = false;
        return run();
      }
      open(scheduler(mode), mode === 'frame' && typeof requestAnimationFrame === 'function');
    },
    cancel() {
      wanted = false;
      release();
      // After a batched run in 'frame' mode the slot stays: it marks where the frame ends.
      if (frameUsed) return;
      cancelSlot?.();
      cancelSlot = undefined;
    },
    settle() {
      // Browsers pause animation frames in hidden tabs (and throttle them in hidden iframes): the end
      // of a stream must not wait there for a frame, or `send()` would not resolve until the user
      // comes back, and a queued message would not go.
      if (!frameUsed || globalThis.document?.visibilityState === 'hidden') {
        runNow();
        return Promise.resolve();
      }
      wanted = true;
      fallback ??= setTimeout(runNow, FRAME_WAIT_MS);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

function scheduler(mode: 'frame' | number | ScheduleFlush): ScheduleFlush {
  if (typeof mode === 'function') return mode;
  if (mode === 'frame' && typeof requestAnimationFrame === 'function') return inNextFrame;
  return (callback) => {
    const id = setTimeout(callback, mode === 'frame' ? 16 : mode);
    return () => clearTimeout(id);
  };
}

/** What waits for the next animation frame, of every scheduler on the page. */
const nextFrame = new Set<() => void>();
let frame: { id: number; request: typeof requestAnimationFrame } | undefined;

/**
 * Runs `callback` at the next animation frame, in one frame callback with every other scheduler's:
 * a UI bound to several sessions (agents side by side) then commits once a frame, not once for each
 * (React batches the updates of one task; a frame callback each made 4 commits a frame for 4 sessions).
 */
function inNextFrame(callback: () => void): () => void {
  nextFrame.add(callback);
  // Asked anew of a `requestAnimationFrame` that replaced the one asked (a test's stub).
  if (frame?.request !== requestAnimationFrame) {
    const request = requestAnimationFrame;
    const asked = {
      request,
      id: request(() => {
        if (frame === asked) frame = undefined;
        const due = [...nextFrame];
        nextFrame.clear();
        for (const run of due) callBack(run);
      }),
    };
    frame = asked;
  }
  return () => {
    nextFrame.delete(callback);
    if (nextFrame.size > 0 || !frame) return;
    cancelAnimationFrame(frame.id);
    frame = undefined;
  };
}
