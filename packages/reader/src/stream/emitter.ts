import { reportError } from '../report-error.ts';

/** A minimal typed event emitter; listener sets are created on first use. */
export class Emitter<Listeners extends { [Name in keyof Listeners]: (...args: never[]) => void }> {
  readonly #listeners = new Map<keyof Listeners, Set<Listeners[keyof Listeners]>>();

  /** Adds a listener; returns a function that removes it. */
  on<Name extends keyof Listeners>(name: Name, listener: Listeners[Name]): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => this.off(name, listener);
  }

  /** Removes a listener added with `on`. */
  off<Name extends keyof Listeners>(name: Name, listener: Listeners[Name]): void {
    this.#listeners.get(name)?.delete(listener);
  }

  /**
   * Calls every listener of `name` in order of registration. A listener that throws does not stop
   * the others or the caller: its error is reported as an uncaught error, as `EventTarget` does.
   */
  emit<Name extends keyof Listeners>(name: Name, ...args: Parameters<Listeners[Name]>): void {
    const set = this.#listeners.get(name);
    if (!set) return;
    // Not callBack(): this runs per delta, and a loop here allocates nothing per listener.
    for (const listener of set) {
      try {
        (listener as (...args: Parameters<Listeners[Name]>) => void)(...args);
      } catch (error) {
        reportError(error);
      }
    }
  }
}
