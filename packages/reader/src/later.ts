// setTimeout keeps delays in 32 bits: a longer one (Infinity included) fires after 1 ms instead.
const LONGEST_DELAY_MS = 2_147_483_647; // 2 ** 31 - 1, a literal: bundlers keep a computed constant

/**
 * `setTimeout`, except that a delay longer than it can hold (about 24.8 days, Infinity included) is
 * never reached: no timer is set. So `idleTimeoutMs: Infinity` means no timeout, not one at once.
 */
export function later(callback: () => void, ms: number): ReturnType<typeof setTimeout> | undefined {
  return ms > LONGEST_DELAY_MS ? undefined : setTimeout(callback, ms);
}
