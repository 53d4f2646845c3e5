/**
 * Thrown by the partial-JSON parser when the text cannot be (a prefix of) valid JSON, or when
 * `end()` finds it truncated. A `SyntaxError`, as `JSON.parse` throws, with the offending offset.
 *
 * @example
 * try {
 *   parser.push('{"a" 1}');
 * } catch (error) {
 *   if (error instanceof JSONParseError) console.log(error.position); // 5
 * }
 */
export class JSONParseError extends SyntaxError {
  /** Offset (in UTF-16 code units) of the offending character in the whole text pushed so far. */
  declare readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
    this.name = 'JSONParseError';
  }
}

/** Names a character readably in a message: printable ones as they are, others JSON-escaped. */
function describeCharacter(code: number): string {
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
    return `'\\u${code.toString(16).padStart(4, '0')}'`;
  }
  return `'${String.fromCharCode(code)}'`;
}

/** The error for a character that cannot continue the text, with what the grammar wanted there. */
export function unexpectedCharacter(code: number, position: number, expected: string): JSONParseError {
  return new JSONParseError(
    `Unexpected character ${describeCharacter(code)} in JSON at position ${position}: ${expected}`,
    position,
  );
}

/** The error for a text that stopped before its value was complete (or held no value at all). */
export function unexpectedEnd(position: number): JSONParseError {
  return new JSONParseError(`Unexpected end of JSON input at position ${position}`, position);
}

/** The error for anything but whitespace after the top-level value. */
export function trailingCharacter(code: number, position: number): JSONParseError {
  return new JSONParseError(
    `Unexpected non-whitespace character ${describeCharacter(code)} after JSON at position ${position}`,
    position,
  );
}
