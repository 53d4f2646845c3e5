/**
 * How deeply arrays and objects may nest in a request body (the body itself is level 1). A message
 * block sits at level 4 and a tool's input or schema a little deeper, so real requests stay far
 * below; far deeper JSON parses, but the SDK cannot serialise it again (`JSON.stringify` runs out of
 * stack a few thousand levels down), which would fail the call upstream instead of the request.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * Whether arrays and objects in `value` nest more than `maxDepth` levels deep. Iterative, so a body
 * nested millions of levels deep is answered without a stack overflow, and it stops at the first
 * level too many.
 *
 * @example
 * nestsDeeperThan(JSON.parse('[[[]]]'), 2); // true
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (!isContainer(value)) return false;
  if (maxDepth < 1) return true;
  const pending: object[] = [value];
  const depths: number[] = [1];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const childDepth = (depths.pop() ?? 0) + 1;
    for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) {
      if (!isContainer(child)) continue;
      if (childDepth > maxDepth) return true;
      pending.push(child);
      depths.push(childDepth);
    }
  }
  return false;
}

/**
 * The same for JSON text, before it is parsed: V8 takes seconds to parse millions of nested brackets
 * (a 30 MB body of them held the relay, and every other request, for 9 s), where this one pass over
 * the text takes milliseconds. Brackets inside strings do not count.
 *
 * @example
 * textNestsDeeperThan('{"a":"[[[["}', 1); // false
 */
export function textNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === BACKSLASH) at++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--;
  }
  return false;
}

// Character codes: `"`, `\`, `[`, `]`, `{`, `}`.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
