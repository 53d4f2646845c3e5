import { showHiddenCharacters } from '../hidden-characters.ts';
import { english, type Translate } from '../labels.tsx';

/**
 * Strings inside JSON longer than this are cut (a base64 image must not put megabytes in the DOM)
 * to their first `KEPT` characters; a long tool argument a person would read stays whole.
 */
const MAX_JSON_STRING = 10_000;
const KEPT = 1000;

/**
 * A tool input or result as readable text: strings as they are, text content blocks joined, and
 * anything else as indented JSON, where a string of over 10,000 characters shows its first 1,000 and
 * how many were left out (in the words of `t`, default English), unless `whole` (what a person is
 * asked to approve must be seen whole). In JSON, invisible characters that change how a text reads
 * (bidi controls, zero-width spaces) are shown as their escapes (`\u202e`).
 *
 * @example
 * formatValue({ data: 'A'.repeat(50_000) }); // '{\n  "data": "AAA…AAA… (+49000 characters)"\n}'
 */
export function formatValue(value: unknown, t: Translate = english, whole = false): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every(isTextBlock)) {
    return value.map((item) => item.text).join('\n');
  }
  if (value === undefined) return '';
  try {
    const json = JSON.stringify(
      value,
      (_key, item: unknown) =>
        typeof item === 'string' && item.length > MAX_JSON_STRING && !whole
          ? `${item.slice(0, KEPT)}${t('… (+{0} characters)', item.length - KEPT)}`
          : item,
      2,
    );
    return json === undefined ? typeof value : showHiddenCharacters(json);
  } catch {
    return `[${typeof value}]`;
  }
}

function isTextBlock(value: unknown): value is { type: 'text'; text: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'text' &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}

/** True when `value` is an object and not an array (a JSON object). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is an empty object (the `{}` placeholder a tool input starts as). */
export function isEmptyObject(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}

/** The host of an http(s) URL without `www.`, or `undefined`. */
export function domainOf(url: string): string | undefined {
  try {
    const { hostname, protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

/** `url` when it is an absolute http(s) URL (safe for `href`), else `undefined`. */
export function httpUrl(url: unknown): string | undefined {
  return typeof url === 'string' && domainOf(url) !== undefined ? url : undefined;
}
