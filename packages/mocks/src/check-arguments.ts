/** Throws a `RangeError` unless `value` is an integer from `min` to `max`. */
export function checkInteger(
  name: string,
  value: unknown,
  min = 0,
  max: number = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`${name} must be an integer ${range}, got ${String(value)}`);
  }
}

/** Throws a `TypeError` unless `value` is a string. */
export function checkString(name: string, value: unknown): void {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`);
}

/** Throws a `RangeError` unless `value` is a number of milliseconds: finite, not negative. */
export function checkMilliseconds(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number of milliseconds of at least 0, got ${String(value)}`);
  }
}

/** Throws a `TypeError` / `RangeError` for a chunking (`Chunking`) that cannot cut text as asked. */
export function checkChunking(name: string, chunking: unknown): void {
  if (chunking === undefined || chunking === 'words' || chunking === 'characters') return;
  if (typeof chunking === 'number') return checkInteger(name, chunking, 1);
  if (Array.isArray(chunking)) {
    if (chunking.every((piece) => typeof piece === 'string')) return;
  } else if (typeof chunking === 'object' && chunking !== null && 'min' in chunking && 'max' in chunking) {
    const { min, max } = chunking;
    checkInteger(`${name}.min`, min, 1);
    return checkInteger(`${name}.max`, max, min as number);
  }
  throw new TypeError(
    `${name} must be 'words', 'characters', a number of code points, { min, max } or the pieces, got ${JSON.stringify(chunking)}`,
  );
}

/** Throws a `TypeError` unless `errorCode` is a non-empty string, as a server tool's `error_code` is. */
export function checkErrorCode(where: string, errorCode: unknown): void {
  if (typeof errorCode !== 'string' || errorCode === '') {
    throw new TypeError(
      `${where} errorCode must be an error code string such as 'max_uses_exceeded', got ${JSON.stringify(errorCode) ?? typeof errorCode}`,
    );
  }
}
