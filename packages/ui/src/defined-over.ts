/**
 * `defaults` with the entries of `given` over them, leaving out those `given` sets to `undefined`:
 * an explicit `undefined` keeps the default, as a missing entry does (a spread would put
 * `undefined` in its place).
 *
 * @example
 * definedOver({ a: 1, b: 2 }, { a: undefined, b: 3 }); // { a: 1, b: 3 }
 */
export function definedOver<T extends object>(defaults: T, given: object | undefined): T {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) merged[key] = value;
  return merged as T;
}
