/**
 * Why a `cache_control` in the request asks for a cache lifetime this server does not allow, or
 * undefined. Clients may mark cache breakpoints (on blocks, tools, the system prompt, or at the top
 * level when `allowedParams` lets them): a 5-minute one is written at 1.25× the input price, an
 * hour's at 2×, so `"1h"` is accepted only when `longTtl` (the server's own `cacheControl` asks for
 * an hour). A tool call's `input`, a tool's `input_schema` and `metadata` are the app's data, not
 * breakpoints, and are not looked into. Recursive: run it on a body whose depth was checked.
 *
 * @example
 * cacheTtlProblem({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] }] }, false);
 * // 'messages.0.content.0.cache_control.ttl: "1h" is not allowed by this server; use "5m" or leave it out.'
 */
export function cacheTtlProblem(body: Record<string, unknown>, longTtl: boolean): string | undefined {
  return problemIn(body, [], longTtl ? LONG : SHORT);
}

const SHORT: readonly string[] = ['5m'];
const LONG: readonly string[] = ['5m', '1h'];
const DATA_KEYS = new Set(['input', 'input_schema', 'metadata']);

function problemIn(value: unknown, path: string[], allowed: readonly string[]): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of (value as unknown[]).entries()) {
      const problem = childProblem(item, String(index), path, allowed);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (DATA_KEYS.has(key)) continue;
    const problem =
      key === 'cache_control' ? ttlProblem(child, path, allowed) : childProblem(child, key, path, allowed);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function childProblem(
  child: unknown,
  key: string,
  path: string[],
  allowed: readonly string[],
): string | undefined {
  if (child === null || typeof child !== 'object') return undefined;
  path.push(key);
  const problem = problemIn(child, path, allowed);
  path.pop();
  return problem;
}

function ttlProblem(cacheControl: unknown, path: string[], allowed: readonly string[]): string | undefined {
  const { ttl } = (cacheControl !== null && typeof cacheControl === 'object' ? cacheControl : {}) as Record<
    string,
    unknown
  >;
  // A ttl that is not a string is not one the API takes: its own 400 says so, at no cost.
  if (typeof ttl !== 'string' || allowed.includes(ttl)) return undefined;
  const where = [...path, 'cache_control', 'ttl'].join('.');
  const choices = allowed.map((item) => JSON.stringify(item)).join(' or ');
  return `${where}: ${JSON.stringify(ttl)} is not allowed by this server; use ${choices} or leave it out.`;
}
