import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
import { demoAllowedTools } from './src/chat/demo-tools.ts';
import { relayPlugin } from './vite-relay-plugin.ts';

const SOURCE_CONDITION = '@chatstream/source';

export default defineConfig({
  plugins: [react(), relayPlugin({ allowedTools: demoAllowedTools })],
  // Workspace packages resolve to their TypeScript sources, so a fresh clone needs no package build.
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
