/**
 * Joins class names, skipping empty ones, so every part can merge the caller's `className` with its
 * own. Returns `undefined` when nothing is left (no empty `class` attribute).
 *
 * @example
 * cx('cs-button', isActive && 'is-active', props.className);
 */
export function cx(...names: (string | false | null | undefined)[]): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}
