/**
 * `value` as an instance of `Class`, failing the test when it is not one: a type narrowed by a
 * check, where `as` would only assert it.
 *
 * @example
 * expect(instanceOf(error, HTTPError).status).toBe(429);
 */
export function instanceOf<T>(value: unknown, Class: abstract new (...args: never[]) => T): T {
  if (!(value instanceof Class)) throw new TypeError(`Expected a ${Class.name}, got ${String(value)}`);
  return value;
}
