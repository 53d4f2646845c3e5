import { defineConfig } from 'vitest/config';
import { sourceResolve } from './vitest.shared.ts';

/**
 * One Vitest project per package. Packages with needs of their own (a browser, another React) keep a
 * `vitest.config.ts` beside their code and are picked up by the globs.
 */
export default defineConfig({
  ...sourceResolve,
  test: {
    projects: [
      // Property tests run a few hundred cases each: about a second alone, several times that on a
      // loaded 2-core machine, so the timeout leaves room (nothing here asserts a duration).
      {
        extends: true,
        test: { name: 'reader', root: 'packages/reader', environment: 'node', testTimeout: 20_000 },
      },
      {
        extends: true,
        test: { name: 'mocks', root: 'packages/mocks', environment: 'node', testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'react',
          root: 'packages/react',
          environment: 'jsdom',
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      // The public types (`*.test-d.ts`): tsc checks each `expectTypeOf` and `@ts-expect-error`, and
      // Vitest reports them as tests, so a broken contract names itself.
      {
        extends: true,
        test: {
          name: 'types',
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.{ts,tsx}'],
            tsconfig: 'tsconfig.json',
          },
        },
      },
      'packages/*/vitest.config.ts',
      'tests/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      '.storybook/vitest.config.ts',
    ],
  },
});
