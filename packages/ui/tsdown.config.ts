import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/markdown/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
  deps: { neverBundle: [/^react/, /^@chatstream\//, 'marked'] },
});
