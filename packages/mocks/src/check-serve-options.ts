import type { ServeOptions } from './plan-response.ts';

/**
 * Throws a `TypeError` or `RangeError` naming the option when a mock is set up with one it cannot
 * serve (an unknown timing preset or protocol, a negative speed), instead of a stream that hangs,
 * floods, or fails in the middle of someone's test.
 */
export function checkServeOptions(options: ServeOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`mock options must be an object, got ${shown(options)}`);
  }
  const { protocol, timing, attempt } = options;
  if (protocol !== undefined && protocol !== 'anthropic' && protocol !== 'text') {
    throw new TypeError(`protocol must be "anthropic" or "text", got ${shown(protocol)}`);
  }
  atLeast('attempt', attempt, 0, true);
  checkEncoding(options.encoding);
  checkChunks(options.chunks);
  const { resumable } = options;
  if (typeof resumable === 'object' && resumable !== null) {
    atLeast('resumable.after', resumable.after, 0, true);
    atLeast('resumable.elapsed', resumable.elapsed, 0);
  } else if (resumable !== undefined && typeof resumable !== 'boolean') {
    throw new TypeError(`resumable must be a boolean or { after, elapsed? }, got ${shown(resumable)}`);
  }
  if (timing === undefined || timing === 'instant' || timing === 'realistic') return;
  if (typeof timing !== 'object' || timing === null) {
    throw new TypeError(`timing must be "instant", "realistic" or pacing options, got ${shown(timing)}`);
  }
  atLeast('timing.timeToFirstToken', timing.timeToFirstToken, 0);
  atLeast('timing.pingInterval', timing.pingInterval, 0);
  // Below a millisecond, a long answer would be planned as millions of pings.
  if (timing.pingInterval !== undefined && timing.pingInterval > 0 && timing.pingInterval < 1) {
    throw new RangeError(
      `timing.pingInterval must be 0 (no pings) or at least 1 ms, got ${timing.pingInterval}`,
    );
  }
  atLeast('timing.jitter', timing.jitter, 0);
  if (timing.jitter !== undefined && timing.jitter > 1) {
    throw new RangeError(`timing.jitter must be a number from 0 to 1, got ${timing.jitter}`);
  }
  const speed = timing.tokensPerSecond;
  if (speed !== undefined && !(typeof speed === 'number' && speed > 0 && speed !== Infinity)) {
    throw new RangeError(`timing.tokensPerSecond must be a number above 0, got ${shown(speed)}`);
  }
}

/** Throws a `TypeError` unless `scenario` is a built scenario (`scenarios.basic`, `scenario(…).stop()`). */
export function checkScenario(scenario: unknown): void {
  const events = (scenario as { events?: unknown } | null)?.events;
  if (typeof scenario !== 'object' || scenario === null || !Array.isArray(events)) {
    throw new TypeError(
      `expected a scenario such as scenarios.basic or scenario('name')…stop(), got ${shown(scenario)}`,
    );
  }
}

function checkEncoding(encoding: ServeOptions['encoding']): void {
  if (encoding === undefined) return;
  if (typeof encoding !== 'object' || encoding === null) {
    throw new TypeError(
      `encoding must be an object of framing options ({ lineEnding, comments, padJson, splitData, bom }), got ${shown(encoding)}`,
    );
  }
  const { lineEnding } = encoding;
  // Any other ending would make a stream no reader can split into events.
  if (lineEnding !== undefined && lineEnding !== '\n' && lineEnding !== '\r\n' && lineEnding !== '\r') {
    throw new TypeError(`encoding.lineEnding must be '\\n', '\\r\\n' or '\\r', got ${shown(lineEnding)}`);
  }
  atLeast('encoding.padJson', encoding.padJson, 0, true);
}

function checkChunks(chunks: ServeOptions['chunks']): void {
  if (chunks === undefined || chunks === 'event') return;
  const sizes = typeof chunks === 'number' ? [chunks] : Array.isArray(chunks) ? chunks : undefined;
  if (sizes) {
    if (sizes.length === 0 || !sizes.every((size) => Number.isInteger(size) && size >= 1)) {
      throw new RangeError(
        `chunks must be 'event' or sizes in bytes, each a whole number ≥ 1, got ${shown(chunks)}`,
      );
    }
    return;
  }
  const { min, max } = (typeof chunks === 'object' && chunks !== null ? chunks : {}) as {
    min?: unknown;
    max?: unknown;
  };
  if (
    !(
      Number.isInteger(min) &&
      Number.isInteger(max) &&
      (min as number) >= 1 &&
      (max as number) >= (min as number)
    )
  ) {
    throw new RangeError(
      `chunks must be 'event', a size in bytes, a list of sizes or { min, max, seed? } with 1 ≤ min ≤ max, got ${shown(chunks)}`,
    );
  }
}

function atLeast(name: string, value: unknown, min: number, whole = false): void {
  if (value === undefined) return;
  const valid = typeof value === 'number' && value >= min && Number.isFinite(value);
  if (valid && (!whole || Number.isInteger(value))) return;
  throw new RangeError(
    `${name} must be ${whole ? 'a whole number' : 'a number'} ≥ ${min}, got ${shown(value)}`,
  );
}

/** A value as an error message shows it: strings quoted, objects and arrays named, not dumped. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
