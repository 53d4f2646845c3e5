/** Runs `callback` later, once; returns a function that cancels it. */
export type ScheduleFlush = (callback: () => void) => () => void;

/** Coalesces change notifications: many `schedule()` calls, one `run` per slot. */
export interface NotifyScheduler {
  /** Runs `run` at the next slot (at once when unbatched); repeated calls before it add nothing. */
  schedule(): void;
  /** Drops the pending slot (after a synchronous flush). */
  cancel(): void;
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
  let cancel: (() => void) | undefined;
  return {
    schedule() {
      if (cancel) return;
      const mode = throttle();
      if (mode === false) return run();
      cancel = scheduler(mode)(() => {
        cancel = undefined;
        run();
      });
    },
    cancel() {
      cancel?.();
      cancel = undefined;
    },
  };
}

function scheduler(mode: 'frame' | number | ScheduleFlush): ScheduleFlush {
  if (typeof mode === 'function') return mode;
  if (mode === 'frame' && typeof requestAnimationFrame === 'function') {
    return (callback) => {
      const id = requestAnimationFrame(callback);
      return () => cancelAnimationFrame(id);
    };
  }
  return (callback) => {
    const id = setTimeout(callback, mode === 'frame' ? 16 : mode);
    return () => clearTimeout(id);
  };
}
