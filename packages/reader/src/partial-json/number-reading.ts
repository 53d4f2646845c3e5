/**
 * The best reading of a number token cut short: the longest prefix that is itself a JSON number,
 * converted as `JSON.parse` would. `undefined` when there is none yet (a lone `-`).
 * The token was validated as it arrived, so only a trailing `.`, `e`/`E` or exponent sign can
 * be pending: `1.` → 1, `1e` → 1, `2.5e-` → 2.5, `-0` → -0.
 */
export function readPartialNumber(text: string): number | undefined {
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x2b /* + */ || last === 0x2d /* - */) {
    if (text.length === 1) return undefined;
    return Number(text.slice(0, -2));
  }
  if (last === 0x2e /* . */ || last === 0x65 /* e */ || last === 0x45 /* E */) {
    return Number(text.slice(0, -1));
  }
  return Number(text);
}
