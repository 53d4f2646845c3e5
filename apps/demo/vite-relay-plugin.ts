import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Connect,
  createServer,
  defaultServerConditions,
  loadEnv,
  type Plugin,
  type ViteDevServer,
} from 'vite';
import type { AllowedTool, RelayResult } from '@chatstream/server';

/** What `GET /api/mode` answers; the page shows it in its header. */
export interface RelayModeInfo {
  /** True when `/api/chat` is served by the relay (a key or a base URL was given). */
  relay: boolean;
  /** `anthropic` for the real API, `custom` for `ANTHROPIC_BASE_URL` (e.g. the loopback fake server). */
  upstream?: 'anthropic' | 'custom';
  /** The model the relay asks for. */
  model?: string;
}

/** Options of {@link relayPlugin}. */
export interface RelayPluginOptions {
  /** Where the relay answers (default `/api/chat`). */
  path?: string;
  /** Model used when the browser does not name one (default `ANTHROPIC_MODEL` or `claude-sonnet-4-6`). */
  model?: string;
  /** `max_tokens` cap (default 4096). */
  maxTokens?: number;
  /** Tools requests may declare: names, or definitions the relay pins (default: any). */
  allowedTools?: readonly AllowedTool[];
}

type NodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

const SOURCE_CONDITION = '@chatstream/source';
const DEFAULT_MODEL = 'claude-sonnet-4-6';

/**
 * Serves the chat relay from `@chatstream/server/node` inside Vite's dev and preview servers when
 * `ANTHROPIC_API_KEY` (or `ANTHROPIC_BASE_URL`) is set, and `GET /api/mode` so the page knows whether
 * to start the MSW worker. The key stays in this process: it is never exposed to client code.
 *
 * @example
 * export default defineConfig({ plugins: [react(), relayPlugin()] });
 */
export function relayPlugin(options: RelayPluginOptions = {}): Plugin {
  const path = options.path ?? '/api/chat';
  let env: Record<string, string> = {};
  let handler: Promise<NodeHandler> | undefined;
  let loader: ViteDevServer | undefined;
  let log: (message: string) => void = console.info;

  const info = (): RelayModeInfo => {
    const apiKey = env['ANTHROPIC_API_KEY'];
    const baseURL = env['ANTHROPIC_BASE_URL'];
    if (!apiKey && !baseURL) return { relay: false };
    return {
      relay: true,
      upstream: baseURL ? 'custom' : 'anthropic',
      model: options.model ?? env['ANTHROPIC_MODEL'] ?? DEFAULT_MODEL,
    };
  };

  const loadHandler = (load: (id: string) => Promise<Record<string, unknown>>): Promise<NodeHandler> =>
    (handler ??= load('@chatstream/server/node').then((module) => {
      const createNodeHandler = module['createNodeHandler'] as (options: object) => NodeHandler;
      const baseURL = env['ANTHROPIC_BASE_URL'];
      return createNodeHandler({
        // A local fake server accepts any key; the SDK still wants one.
        apiKey: env['ANTHROPIC_API_KEY'] ?? 'chatstream-demo',
        ...(baseURL ? { baseURL } : {}),
        model: info().model,
        maxTokens: options.maxTokens ?? 4096,
        // Someone trying the demo writes the next message within minutes: the turns read the cache.
        cacheControl: { type: 'ephemeral' },
        // A phone that loses its network mid-answer reads on where it stopped when it comes back.
        resume: true,
        ...(options.allowedTools ? { allowedTools: options.allowedTools } : {}),
        // What each answer cost, where the developer runs the demo.
        onFinish: (result: RelayResult) => log(describeFinish(result)),
      });
    }));

  const middleware =
    (load: () => (id: string) => Promise<Record<string, unknown>>): Connect.NextHandleFunction =>
    (request, response, next) => {
      const url = request.url?.split('?')[0];
      if (url === '/api/mode' && request.method === 'GET') {
        response.setHeader('content-type', 'application/json');
        response.setHeader('cache-control', 'no-store');
        response.end(JSON.stringify(info()));
        return;
      }
      if (url !== path || !info().relay) return next();
      loadHandler(load()).then(
        (relay) => relay(request, response, next),
        (error: unknown) => next(error),
      );
    };

  return {
    name: 'chatstream-relay',
    configResolved(config) {
      env = { ...loadEnv(config.mode, config.envDir || config.root, 'ANTHROPIC_') };
      for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL']) {
        const value = process.env[name];
        if (value) env[name] = value;
      }
    },
    configureServer(server) {
      log = (message) => server.config.logger.info(message, { timestamp: true });
      server.middlewares.use(middleware(() => (id) => server.ssrLoadModule(id)));
      server.httpServer?.once('listening', () =>
        logMode((message) => server.config.logger.info(message), info()),
      );
    },
    configurePreviewServer(server) {
      log = (message) => server.config.logger.info(message, { timestamp: true });
      // The preview server cannot load TypeScript on its own: a small module-only Vite server loads the
      // relay from source (the same source condition as in dev), so no package build is needed.
      server.middlewares.use(
        middleware(() => async (id) => {
          loader ??= await createServer({
            configFile: false,
            root: server.config.root,
            logLevel: 'warn',
            appType: 'custom',
            server: { middlewareMode: true, hmr: false, ws: false, watch: null },
            optimizeDeps: { noDiscovery: true, include: [] },
            ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
          });
          return await loader.ssrLoadModule(id);
        }),
      );
      server.httpServer.once('close', () => void loader?.close());
      server.httpServer.once('listening', () =>
        logMode((message) => server.config.logger.info(message), info()),
      );
    },
  };
}

/** One line per relayed answer: how it ended and its tokens ("complete · 25 in / 120 out tokens · req_…"). */
function describeFinish({ outcome, message, requestId }: RelayResult): string {
  const usage = message?.usage;
  // The API counts tokens read from the cache apart from input_tokens.
  const cached = usage?.cache_read_input_tokens ? ` + ${usage.cache_read_input_tokens} from the cache` : '';
  const tokens = usage ? ` · ${usage.input_tokens} in${cached} / ${usage.output_tokens} out tokens` : '';
  return `chatstream: ${outcome}${tokens}${requestId ? ` · ${requestId}` : ''}`;
}

function logMode(log: (message: string) => void, mode: RelayModeInfo): void {
  log(
    mode.relay
      ? `  chatstream: relay mode, /api/chat → ${mode.upstream === 'custom' ? 'ANTHROPIC_BASE_URL' : 'Anthropic API'} (${mode.model})`
      : '  chatstream: mock mode (MSW in the browser). Set ANTHROPIC_API_KEY to talk to the real API.',
  );
}
