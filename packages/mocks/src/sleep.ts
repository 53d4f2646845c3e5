import { abortableSleep } from '@chatstream/reader';

/**
 * Waits `ms` with `setTimeout` (so fake timers drive it); rejects with the signal's reason on abort.
 * Zero waits resolve without a timer, so `timing: 'instant'` never touches the clock.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return abortableSleep(ms, signal);
}
