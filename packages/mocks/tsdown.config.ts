import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/msw.ts', 'src/node.ts', 'src/browser.ts', 'src/server.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
  deps: { neverBundle: [/^msw(\/|$)/, /^node:/, /^@chatstream\//] },
});
