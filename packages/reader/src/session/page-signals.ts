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
export const thePage = (): PageSignals => ({
  window: listenable(globalThis.window),
  document: listenable(globalThis.document),
});

/**
 * `target` when events can be listened to on it: React Native sets `window` to the global object,
 * which has no `addEventListener` (mounting a chat threw there).
 */
const listenable = <Target>(target: Target): Target | undefined =>
  typeof (target as Partial<Listenable> | undefined)?.addEventListener === 'function' ? target : undefined;
