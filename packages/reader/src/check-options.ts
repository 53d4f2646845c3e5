import { messageOf } from './errors.ts';

// Options are checked where a parser, stream or session is made, so a bad value (often a NaN from
// `Number(process.env.X)`) fails at that call with its name, instead of as a timeout that fires at
// once or a stream failure later.

/** What a numeric option must be. */
type NumberKind = 'positive' | 'non-negative' | 'count' | 'positive count';

/** Throws a `RangeError` naming `name` unless `value` is undefined or a number of `kind`. */
export function checkNumber(name: string, value: unknown, kind: NumberKind): void {
  if (value === undefined) return;
  const whole = kind === 'count' || kind === 'positive count';
  const min = kind === 'positive count' ? 1 : 0;
  const valid =
    typeof value === 'number' &&
    (kind === 'positive' ? value > 0 : value >= min) &&
    (!whole || Number.isInteger(value) || value === Infinity);
  if (!valid) {
    const bound = kind === 'positive' ? 'above 0' : `≥ ${min}`;
    throw new RangeError(
      `${name} must be ${whole ? 'a whole number' : 'a number'} ${bound}, got ${shown(value)}`,
    );
  }
}

/** Throws a `TypeError` naming `name` unless `value` is a function (or undefined, unless `required`). */
export function checkFunction(name: string, value: unknown, required = false): void {
  if (typeof value === 'function' || (value === undefined && !required)) return;
  throw new TypeError(`${name} must be a function, got ${shown(value)}`);
}

/** Throws a `RangeError` naming `name` unless `value` is undefined or one of `allowed`. */
export function checkOneOf(name: string, value: unknown, allowed: readonly unknown[]): void {
  if (value === undefined || allowed.includes(value)) return;
  throw new RangeError(`${name} must be ${allowed.map(shown).join(' or ')}, got ${shown(value)}`);
}

/** Throws a `TypeError` naming `name` unless `value` is undefined, a string or a `URL`. */
export function checkURL(name: string, value: unknown): void {
  // Duck-typed: a URL from another realm (an iframe, jsdom) fails `instanceof`.
  if (value === undefined || typeof value === 'string' || typeof (value as URL | null)?.href === 'string') {
    return;
  }
  throw new TypeError(`${name} must be a string or a URL, got ${shown(value)}`);
}

/**
 * Throws a `TypeError` naming `name` when `value` is a relative URL and there is no page to resolve
 * it against (Node, Bun, Deno without `--location`): fetch would fail it as a network error.
 */
export function checkResolvable(name: string, value: string | URL): void {
  if (globalThis.location || isAbsolute(value)) return;
  throw new TypeError(
    `${name} ${shown(String(value))} is relative, with no page to resolve it: give an absolute URL`,
  );
}

/**
 * Whether `value` names its scheme, as an absolute URL does. Not `URL.canParse`: React Native's `URL`
 * has none, and its constructor takes a relative URL without a base.
 */
const isAbsolute = (value: string | URL): boolean => /^[a-z][a-z\d+.-]*:/i.test(String(value));

/** A `TypeError` saying that global `name` is missing, and where to get one. */
function missingGlobal(name: string, instead = '', cause?: unknown): TypeError {
  return new TypeError(
    `There is no global ${name} here: ${instead}run in a browser or Node 18 or later (Jest: the jest-fixed-jsdom environment)`,
    { cause },
  );
}

/**
 * The global `fetch`, or a `TypeError` saying how to give one: without it the call would fail with
 * a bare "cannot read properties of undefined" (Jest's stock jsdom environment has none).
 */
export function globalFetch(): typeof fetch {
  if (typeof globalThis.fetch === 'function') return globalThis.fetch.bind(globalThis);
  throw missingGlobal('fetch', 'pass the fetch option, or ');
}

/**
 * Throws a `TypeError` when `TextDecoder`, which reading a stream needs, is missing (Jest's stock
 * jsdom environment) or cannot decode a stream (a polyfill): at once, not as a failed read, which
 * would pass for a lost connection and be retried.
 */
export function checkStreamGlobals(): void {
  try {
    // A character split across chunks needs `stream`, which some polyfills (fast-text-encoding) refuse.
    new TextDecoder().decode(new Uint8Array([0xe2]), { stream: true });
  } catch (error) {
    throw missingGlobal(
      `TextDecoder that decodes streams (${messageOf(error)})`,
      "load one (React Native: text-encoding's), or ",
      error,
    );
  }
}

/** `value` as an option error message shows it: strings quoted, objects by their type. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
