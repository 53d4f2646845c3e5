/** How fast {@link useSmoothText} reveals text that arrived. */
export interface RevealPace {
  /**
   * About how far the shown text trails the received text, in milliseconds (default 250): the reveal
   * covers the text still hidden in about this time, so bursts spread over it and a steady stream
   * shows at the speed it arrives.
   */
  lagMs?: number | undefined;
  /** The slowest reveal while text is still hidden, in characters per second (default 60, more than 0). */
  minCharsPerSecond?: number | undefined;
}

/**
 * Throws a `RangeError` naming `where` and the setting when `lagMs` is not a finite number ≥ 0 or
 * `minCharsPerSecond` not one > 0 (a `NaN` would hide the text for good, and without a floor the
 * last character would wait for an exponential tail to end).
 *
 * @example
 * checkRevealPace({ lagMs: -1 }, 'smoothRenderText'); // RangeError: smoothRenderText: lagMs must be …
 */
export function checkRevealPace({ lagMs, minCharsPerSecond }: RevealPace, where: string): void {
  if (lagMs !== undefined && !(typeof lagMs === 'number' && lagMs >= 0 && lagMs < Infinity)) {
    throw new RangeError(`${where}: lagMs must be a finite number ≥ 0, got ${String(lagMs)}`);
  }
  if (
    minCharsPerSecond !== undefined &&
    !(typeof minCharsPerSecond === 'number' && minCharsPerSecond > 0 && minCharsPerSecond < Infinity)
  ) {
    throw new RangeError(
      `${where}: minCharsPerSecond must be a finite number > 0, got ${String(minCharsPerSecond)}`,
    );
  }
}

/**
 * Where the reveal stands `elapsedMs` after `position`, moving toward `target` (both in UTF-16 code
 * units, `position` fractional). A first-order smoothing: the hidden rest shrinks by the same share in
 * every equal span of time, never slower than the floor and never past `target`.
 *
 * @example
 * advanceReveal(0, 100, 250); // 63.2…: the hidden text shrinks by 1 − 1/e per `lagMs`
 */
export function advanceReveal(
  position: number,
  target: number,
  elapsedMs: number,
  { lagMs = 250, minCharsPerSecond = 60 }: RevealPace = {},
): number {
  const hidden = target - position;
  if (hidden <= 0) return target;
  // A frame's timestamp is when the frame began, which can precede the clock read that started the reveal.
  if (elapsedMs <= 0) return position;
  const step = Math.max(hidden * -Math.expm1(-elapsedMs / lagMs), (minCharsPerSecond * elapsedMs) / 1000);
  return Math.min(target, position + step);
}

let graphemes: Intl.Segmenter | undefined;

/**
 * The last grapheme boundary at or before `index`, so a reveal never shows half of an emoji, a flag
 * or a letter with its accents still to come. Only a window around `index` is segmented, which keeps
 * each call short however long the text is.
 *
 * @example
 * graphemeFloor('a👍🏽', 3); // 1: the thumb and its skin tone show together
 */
export function graphemeFloor(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  // Longer than any grapheme cluster met in text (an emoji tag sequence is 14 code units).
  const start = Math.max(0, index - 32);
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const segment = graphemes.segment(text.slice(start, index + 32)).containing(index - start);
  return segment ? start + segment.index : index;
}
