/**
 * `timer`, which no longer keeps Node's process alive while pending (a kept stream's expiry or grace
 * period must not hold a server, or a test, open). Elsewhere timers are plain numbers: left as they are.
 */
export function unref<Timer>(timer: Timer): Timer {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
