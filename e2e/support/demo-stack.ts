import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import {
  createFakeAnthropicServer,
  type FakeAnthropicServer,
  type FakeAnthropicServerOptions,
} from '@chatstream/mocks/server';
// The root package does not depend on @chatstream/server (yet), so its built entry is imported by path.
import { createMemoryResumeStore } from '@chatstream/server';
import { createNodeHandler } from '@chatstream/server/node';
import { demoAllowedTools } from '../../apps/demo/src/chat/demo-tools.ts';

const demoDist = join(import.meta.dirname, '../../apps/demo/dist');
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The key the relay sends and the fake API insists on. */
const API_KEY = 'sk-ant-e2e';
const MODEL = 'claude-sonnet-4-6';

/**
 * The built demo behind the real relay (two instances sharing a resume store), in front of the fake
 * Anthropic API, all on 127.0.0.1.
 */
export interface DemoStack {
  /** The demo's origin. */
  readonly url: string;
  /** The fake Anthropic API the relay talks to: its request log shows aborted upstream requests. */
  readonly upstream: FakeAnthropicServer;
  /** How many `/api/chat` requests reached the relay (none in MSW mode). */
  readonly relayed: number;
  close(): Promise<void>;
}

/** Options of {@link startDemoStack}. */
export interface DemoStackOptions {
  /** Passed to the fake Anthropic API (timing, default scenario, …). */
  upstream?: FakeAnthropicServerOptions;
}

/**
 * Serves `apps/demo/dist` (built by the test command before this runs) as a production host would:
 * static files, `POST /api/chat` through `@chatstream/server`'s Node handler, and `GET /api/mode`
 * answering as the demo's Vite relay plugin does with `ANTHROPIC_BASE_URL` set, so the page runs in
 * relay mode and still picks scenarios from the messages.
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  if (!existsSync(join(demoDist, 'index.html'))) {
    throw new Error('apps/demo/dist is missing: run `pnpm --filter @chatstream/demo run build` first.');
  }
  const upstream = await createFakeAnthropicServer({
    apiKey: API_KEY,
    timing: { timeToFirstToken: 150, tokensPerSecond: 400 },
    ...options.upstream,
  });
  // The same relay settings as apps/demo/vite-relay-plugin.ts, as two instances sharing one resume
  // store, taking the requests in turn as behind a load balancer: a reload's reconnect, a resume or
  // a Stop reaches the instance that did not start the answer as often as the one that did.
  const store = createMemoryResumeStore();
  const relays = [0, 1].map(() =>
    createNodeHandler({
      apiKey: API_KEY,
      baseURL: upstream.baseURL,
      model: MODEL,
      maxTokens: 4096,
      allowedTools: demoAllowedTools,
      resume: { store },
    }),
  );
  const modeInfo = JSON.stringify({ relay: true, upstream: 'custom', model: MODEL });
  let relayed = 0;
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/api/chat') {
      relayed += 1;
      return relays[relayed % 2]!(request, response);
    }
    if (path === '/api/mode') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(modeInfo);
      return;
    }
    if (path.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
      return;
    }
    const file = normalize(join(demoDist, path === '/' ? 'index.html' : path));
    const found = file.startsWith(demoDist) && existsSync(file) && statSync(file).isFile();
    const served = found ? file : join(demoDist, 'index.html');
    response.writeHead(200, { 'content-type': contentTypes[extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    upstream,
    get relayed() {
      return relayed;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
