// Bundles the benchmark page with Vite in production mode (React's production builds, minified),
// resolving workspace packages to their sources.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions } from 'vite';

const pageRoot = fileURLToPath(new URL('./page/', import.meta.url));

/**
 * Builds the page in `root` (default: the chat benchmark's page) into a new temporary directory and
 * returns that directory. `minify: false` keeps function names readable in CPU profiles (diagnostics only).
 */
export async function buildPage({
  minify = process.env['UI_BENCH_MINIFY'] !== '0',
  root = pageRoot,
}: { minify?: boolean; root?: string } = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'chatstream-ui-bench-'));
  await build({
    root,
    mode: 'production',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { conditions: ['@chatstream/source', ...defaultClientConditions] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      minify,
      outDir,
      emptyOutDir: true,
      target: 'es2023',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  });
  return outDir;
}
