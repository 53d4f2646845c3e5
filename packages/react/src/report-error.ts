/**
 * Reports an error nobody is listening for as an uncaught one (as the reader's session does with a
 * callback's), so it shows where uncaught errors show without stopping the code that met it.
 */
export function reportError(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}
