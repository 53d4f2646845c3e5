import type { LabelKey, Translate } from '../labels.tsx';

// The counts are written as English writes them ("1,204"), and the number itself follows for an
// app's label function to write it its own way or pick a plural (as the attachments entry does).
const count = (value: number): string => value.toLocaleString('en', { maximumFractionDigits: 1 });

/**
 * `key` in the words of `t`, with `value` written out as `{0}` and the number itself after it.
 *
 * @example
 * counted(t, 'Show all {0} characters', 12345); // 'Show all 12,345 characters'
 */
export const counted = (t: Translate, key: LabelKey, value: number): string => t(key, count(value), value);

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}
