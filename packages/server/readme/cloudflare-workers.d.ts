/**
 * The part of `cloudflare:workers` the README's Workers snippets use, for their type check (a
 * Workers project has it from `@cloudflare/workers-types` or `wrangler types`).
 */
declare module 'cloudflare:workers' {
  /** The Worker's bindings: its variables and secrets. */
  export const env: { ANTHROPIC_API_KEY: string };
  /** Keeps the current request's work alive until `promise` settles. */
  export function waitUntil(promise: Promise<unknown>): void;
}
