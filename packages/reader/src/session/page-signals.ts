/** An event target as the page helpers use it (written out: the reader's types need no DOM library). */
interface Listenable {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Where `reconnectOnReturn` and `persistChat` hear what happens to the page: the page's own `window`
 * and `document` unless given others (a test's, an iframe's). Either may be missing: outside a
 * browser there is nothing to hear.
 */
export interface PageSignals {
  /**
   * Fires `online` when the browser has a network again, `pagehide` when the page is left, and
   * `pageshow` when it is shown again.
   */
  window?: Listenable | undefined;
  /** Fires `visibilitychange` when the page is hidden or shown again. */
  document?: (Listenable & { readonly visibilityState: 'visible' | 'hidden' }) | undefined;
}

/** The page's own {@link PageSignals}: nothing outside a browser. */
export const thePage = (): PageSignals => ({ window: globalThis.window, document: globalThis.document });
