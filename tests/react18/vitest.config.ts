import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Entry points that must come from this package's React 18, not the workspace's React 19. The
 * libraries that import React themselves are aliased too, to their copies installed here (whose
 * `react` peer is 18), so the whole tree shares one React.
 */
const react18 = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'react-dom/server',
  'react-dom/test-utils',
  '@testing-library/react',
  '@tanstack/react-query',
];

/** `@chatstream/react`'s own tests, run in jsdom against React 18. */
export default defineProject({
  ...sourceResolve,
  resolve: {
    ...sourceResolve.resolve,
    alias: react18.map((id) => ({
      find: new RegExp(`^${id.replace('/', '\\/')}$`),
      replacement: require.resolve(id),
    })),
    dedupe: ['react', 'react-dom'],
  },
  test: {
    name: 'react18',
    root: repo,
    include: ['packages/react/src/**/*.test.tsx', 'tests/react18/src/**/*.test.tsx'],
    environment: 'jsdom',
    setupFiles: ['packages/react/src/test/setup.ts'],
    server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
  },
});
