import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The READMEs' TypeScript examples, type-checked against the packages' sources. Building the
 * TypeScript program takes seconds, several times that on a loaded 2-core machine, hence the
 * timeouts (nothing asserts a duration).
 */
export default defineProject({
  test: {
    name: 'readme-snippets',
    root: repo,
    include: ['tests/readme-snippets/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
