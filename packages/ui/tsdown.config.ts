import { defineConfig, type UserConfig } from 'tsdown';

const common: UserConfig = {
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  dts: { sourcemap: true },
  sourcemap: true,
  deps: { neverBundle: [/^react/, /^@chatstream\//, 'marked'] },
};

export default defineConfig([
  { ...common, entry: ['src/index.ts', 'src/markdown/index.ts'], clean: true },
  // Builds of their own that take the parts they use from `@chatstream/ui` itself: built together, the
  // entries would share chunks, and the split costs the main entry 70 B of its 10 kB budget.
  { ...common, entry: { 'attachments/index': 'src/attachments/index.ts' }, clean: false },
  { ...common, entry: { 'actions/index': 'src/actions/index.ts' }, clean: false },
  { ...common, entry: { 'smooth/index': 'src/smooth/index.ts' }, clean: false },
  { ...common, entry: { 'speech/index': 'src/speech/index.ts' }, clean: false },
]);
