import Anthropic from '@anthropic-ai/sdk';
import type { ChatHandlerOptions } from './chat-handler-options.ts';

/** The client for one request and the key to keep out of responses. */
export interface ResolvedClient {
  client: Anthropic;
  secret: string | undefined;
}

/**
 * Returns a function that gives the SDK client for a request: the injected `client`, or one
 * created for `apiKey` / `ANTHROPIC_API_KEY` (read on every call, the client reused while the key
 * stays the same). Undefined when there is no key.
 *
 * @example
 * const resolveClient = createClientResolver({ baseURL: server.baseURL });
 * const resolved = resolveClient(); // undefined without a key
 */
export function createClientResolver(options: ChatHandlerOptions): () => ResolvedClient | undefined {
  let cached: ResolvedClient | undefined;
  return () => {
    if (options.client) return { client: options.client, secret: options.client.apiKey ?? undefined };
    const apiKey = options.apiKey ?? readEnv('ANTHROPIC_API_KEY');
    if (apiKey === undefined || apiKey === '') return undefined;
    if (cached?.secret !== apiKey) {
      cached = {
        secret: apiKey,
        client: new Anthropic({
          apiKey,
          ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
        }),
      };
    }
    return cached;
  };
}

function readEnv(name: string): string | undefined {
  // Workers and Deno may have no `process`; they pass `apiKey` explicitly.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}
