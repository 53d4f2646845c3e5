import { defineConfig } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * The relay's tests run in Node against real loopback servers (the fake Anthropic API and the
 * relay). Their timeout is generous because a shared 2-core machine can stall real sockets for
 * seconds; no test asserts a duration.
 */
export default defineConfig({
  ...sourceResolve,
  test: { name: 'server', environment: 'node', testTimeout: 30_000 },
});
