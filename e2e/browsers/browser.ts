/**
 * A function run in the page. Its source is sent as text, so it may use only what the page has: the
 * test runner (tsx) wraps named inner functions in a helper the page lacks, so write none inside it.
 */
export type PageFunction<A extends unknown[], R> = (...args: A) => R;

/** One tab of a browser, with a storage of its own: what the suite needs of a browser driver. */
export interface Tab {
  /** Opens `url` and waits for it to load. */
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page with `args` (JSON values) and returns its JSON result. */
  evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<Awaited<R>>;
  /** Types `text` into the element at `selector` with real key presses, then presses Enter. */
  typeAndEnter(selector: string, text: string): Promise<void>;
  /** Clicks the element at `selector` as a user does. */
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

/** A running browser that opens isolated tabs. */
export interface Browser {
  /** A tab that shares no storage, cookies or service workers with the others. */
  newTab(): Promise<Tab>;
  close(): Promise<void>;
}
