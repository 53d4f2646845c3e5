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

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
