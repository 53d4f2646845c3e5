/**
 * Reports an error thrown by a caller's callback as an uncaught error (as `EventTarget` does with a
 * listener's), so it shows where uncaught errors show without stopping the code that called it.
 */
export function reportError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/** Calls a caller's `callback`, if any; what it throws is reported (see {@link reportError}), not thrown. */
export function callBack<Args extends unknown[]>(
  callback: ((...args: Args) => unknown) | undefined,
  ...args: Args
): void {
  try {
    callback?.(...args);
  } catch (error) {
    reportError(error);
  }
}
