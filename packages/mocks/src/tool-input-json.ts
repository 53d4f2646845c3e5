import type { JsonValue } from './scenario-types.ts';

/**
 * Serialises a tool input the way the API streams it: `", "` between entries and `": "` after keys
 * (so readers meet whitespace inside the JSON), strings escaped as `JSON.stringify` does.
 */
export function stringifyToolInput(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stringifyToolInput).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, entry]) => `${JSON.stringify(key)}: ${stringifyToolInput(entry)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

const MISSING: unique symbol = Symbol('missing');

interface Cursor {
  position: number;
  readonly end: number;
  /** The cut fell inside the text read so far: nothing after it is readable. */
  cut: boolean;
}

/**
 * What the official SDK shows as a tool's `input` when its JSON stops after `length` UTF-16 units of
 * {@link stringifyToolInput}'s output (a `max_tokens` cut): containers appear as soon as they open;
 * strings and `true`/`false`/`null` only once complete; numbers only once the character after them
 * arrived (until then they may still grow); a key appears only with a readable value. An empty
 * buffer reads as `{}`.
 *
 * Computed from the value itself rather than by parsing the cut text, so it checks a reader's partial
 * JSON parser instead of sharing its bugs.
 */
export function readCutToolInput(value: JsonValue, length: number): JsonValue {
  if (length <= 0) return {};
  const read = readValue(value, { position: 0, end: length, cut: false });
  return read === MISSING ? {} : read;
}

/** Returns the readable part of `value`, or MISSING; advances the cursor past the value's text. */
function readValue(value: JsonValue, cursor: Cursor): JsonValue | typeof MISSING {
  if (Array.isArray(value)) return readArray(value, cursor);
  if (value !== null && typeof value === 'object') return readObject(value, cursor);
  const text = stringifyToolInput(value);
  const start = cursor.position;
  cursor.position += text.length;
  // A number needs one more character: `12` may still become `123`.
  const needed = typeof value === 'number' ? text.length + 1 : text.length;
  if (start + needed <= cursor.end) return value;
  cursor.cut = true;
  return MISSING;
}

function readArray(value: JsonValue[], cursor: Cursor): JsonValue | typeof MISSING {
  if (!open(cursor)) return MISSING;
  const result: JsonValue[] = [];
  for (const [index, item] of value.entries()) {
    if (index > 0) cursor.position += 2;
    const read = readValue(item, cursor);
    if (read !== MISSING) result.push(read);
    if (cursor.cut) return result;
  }
  close(cursor);
  return result;
}

function readObject(value: { [key: string]: JsonValue }, cursor: Cursor): JsonValue | typeof MISSING {
  if (!open(cursor)) return MISSING;
  const result: { [key: string]: JsonValue } = {};
  for (const [index, [key, entry]] of Object.entries(value).entries()) {
    if (index > 0) cursor.position += 2;
    cursor.position += JSON.stringify(key).length + 2;
    const read = readValue(entry, cursor);
    if (read !== MISSING) {
      // defineProperty, so a `__proto__` key stays an own key as JSON.parse makes it.
      Object.defineProperty(result, key, {
        value: read,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (cursor.cut) return result;
  }
  close(cursor);
  return result;
}

/** Reads an opening bracket; false (and cut) when the text stops before it. */
function open(cursor: Cursor): boolean {
  if (cursor.position + 1 > cursor.end) {
    cursor.cut = true;
    return false;
  }
  cursor.position += 1;
  return true;
}

/** Reads a closing bracket; a container opened before the cut is readable even when its end is missing. */
function close(cursor: Cursor): void {
  cursor.position += 1;
  if (cursor.position > cursor.end) cursor.cut = true;
}
