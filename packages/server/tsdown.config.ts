import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: 'esm',
  platform: 'node',
  // The exports map names .js / .d.ts (the package is ESM by "type": "module").
  fixedExtension: false,
  target: 'es2022',
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
});
