import { defineConfig } from 'vitest/config';

/** One Vitest project per package; workspace packages resolve to their `src/` through the source condition. */
export default defineConfig({
  resolve: { conditions: ['@chatstream/source'] },
  ssr: { resolve: { conditions: ['@chatstream/source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'reader', root: 'packages/reader', environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'mocks', root: 'packages/mocks', environment: 'node' },
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
    ],
  },
});
