/**
 * Joins class names, skipping empty ones: for parts of your own that merge a caller's `className`
 * with theirs (ours have none of their own and pass it through). Returns `undefined` when nothing is
 * left (no empty `class` attribute).
 *
 * @example
 * cx('cs-button', isActive && 'is-active', props.className);
 */
export function cx(...names: (string | false | null | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}
