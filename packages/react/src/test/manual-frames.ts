import type { ChatThrottle } from '@chatstream/reader';
import { act } from '@testing-library/react';

/** A scheduler the test runs by hand: every `runFrame()` is one animation frame. */
export interface ManualFrames {
  /** Pass as `throttle`. */
  throttle: ChatThrottle;
  /** Frame callbacks waiting. */
  pending: () => number;
  /** Runs the waiting callbacks (inside `act`); returns how many ran. */
  runFrame: () => number;
}

/** A {@link ManualFrames}. */
export function manualFrames(): ManualFrames {
  const frames = new Set<() => void>();
  return {
    throttle: (callback) => {
      frames.add(callback);
      return () => frames.delete(callback);
    },
    pending: () => frames.size,
    runFrame: () => {
      const due = [...frames];
      frames.clear();
      act(() => due.forEach((frame) => frame()));
      return due.length;
    },
  };
}
