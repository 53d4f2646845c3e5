import { useEffect, useRef } from 'react';

/** Anything with an abortable request. */
export interface Stoppable {
  /** Aborts the active request, if any. */
  stop(): unknown;
}

/**
 * Stops `target` when the component unmounts (or stops using it), but not on StrictMode's
 * simulated unmount: the effect is re-run synchronously in the same commit, so the stop waits one
 * microtask and is dropped when the same target was set up again meanwhile.
 */
export function useStopOnUnmount(target: Stoppable | undefined): void {
  const live = useRef<Stoppable | undefined>(undefined);
  useEffect(() => {
    if (!target) return;
    live.current = target;
    return () => {
      live.current = undefined;
      queueMicrotask(() => {
        if (live.current !== target) void target.stop();
      });
    };
  }, [target]);
}
