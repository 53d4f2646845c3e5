import type { ChatThrottle, ScheduleFlush } from '@chatstream/reader';

/** Coalesces notifications into one per slot of a `throttle` (as `ChatSession` does). */
export interface NotifyBatcher {
  /** Runs the flush at the next slot (at once when `throttle` is false); repeated calls add nothing. */
  schedule(): void;
  /** Drops the pending slot, e.g. before a synchronous flush. */
  cancel(): void;
}

/**
 * A {@link NotifyBatcher} reading `throttle()` at each `schedule()`: `'frame'` is
 * `requestAnimationFrame` where there is one (else a 16 ms timer), a number a timer of that many
 * ms, `false` no batching, a function a scheduler of your own.
 */
export function createNotifyBatcher(flush: () => void, throttle: () => ChatThrottle): NotifyBatcher {
  let cancel: (() => void) | undefined;
  return {
    schedule() {
      if (cancel) return;
      const mode = throttle();
      if (mode === false) return flush();
      cancel = slot(mode)(() => {
        cancel = undefined;
        flush();
      });
    },
    cancel() {
      cancel?.();
      cancel = undefined;
    },
  };
}

function slot(mode: Exclude<ChatThrottle, false>): ScheduleFlush {
  if (typeof mode === 'function') return mode;
  if (mode === 'frame' && typeof requestAnimationFrame === 'function') {
    return (callback) => {
      const id = requestAnimationFrame(callback);
      return () => cancelAnimationFrame(id);
    };
  }
  const ms = mode === 'frame' ? 16 : mode;
  return (callback) => {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  };
}
