/**
 * `table[key]` when `key` is one of the table's own entries, else `undefined`. Keys here come from
 * the server (block types, tool names, error types, stop reasons), and a plain index would hand back
 * `Object.prototype` members for `constructor`, `toString` or `__proto__`.
 *
 * @example
 * ownEntry({ web_search: 'Web search' }, 'constructor'); // undefined
 */
export function ownEntry<T>(table: Readonly<Partial<Record<string, T>>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
