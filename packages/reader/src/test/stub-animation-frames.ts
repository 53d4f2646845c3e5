import { vi } from 'vitest';

/** Animation frames the test runs by hand, through stubbed `requestAnimationFrame` globals. */
export interface StubbedFrames {
  /** Frame callbacks waiting. */
  pending: () => number;
  /** Runs the waiting callbacks, as the browser does at the start of a frame. */
  runFrame: () => void;
}

/**
 * Stubs `requestAnimationFrame` / `cancelAnimationFrame` (undo with `vi.unstubAllGlobals()`), so
 * code that uses them can be driven frame by frame.
 */
export function stubAnimationFrames(): StubbedFrames {
  const frames = new Map<number, FrameRequestCallback>();
  let nextId = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(++nextId, callback);
    return nextId;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  return {
    pending: () => frames.size,
    runFrame: () => {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(0);
    },
  };
}
