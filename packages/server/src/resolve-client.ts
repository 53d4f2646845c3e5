import Anthropic from '@anthropic-ai/sdk';
import type { AnthropicClient, ChatHandlerOptions } from './chat-handler-options.ts';
import type { Secrets } from './redact.ts';

/** The client for one request and the credentials to keep out of responses. */
export interface ResolvedClient {
  client: AnthropicClient;
  secret: Secrets;
}

/** {@link upstreamName} of a Bedrock client. */
export const BEDROCK = 'Amazon Bedrock';

/**
 * What the relay's own error messages call the API `client` talks to: a Bedrock or Vertex AI
 * user reading "Could not reach the Anthropic API" would look in the wrong place. Told apart by
 * the options only those clients have, since class names do not survive minifiers.
 *
 * @example
 * upstreamName(new AnthropicBedrock()); // 'Amazon Bedrock'
 */
export function upstreamName(client: AnthropicClient): string {
  if ('awsRegion' in client) return BEDROCK;
  if ('projectId' in client && 'region' in client) return 'Vertex AI';
  return 'the Anthropic API';
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
    if (options.client) return { client: options.client, secret: credentialsOf(options.client) };
    const apiKey = apiKeyOf(options);
    if (apiKey === undefined || apiKey === '') return undefined;
    if (cached?.secret !== apiKey) cached = { secret: apiKey, client: createClient(apiKey, options) };
    return cached;
  };
}

/**
 * The API key the relay uses, without creating a client: what its error reports redact.
 *
 * @example
 * redactError(error, apiKeyOf(options));
 */
export function apiKeyOf(options: ChatHandlerOptions): string | undefined {
  if (options.client) return options.client.apiKey ?? undefined;
  return options.apiKey ?? readEnv('ANTHROPIC_API_KEY');
}

/**
 * The credentials a given client sends, for the relay to redact: its `apiKey`, its `authToken`
 * (`ANTHROPIC_AUTH_TOKEN`, a gateway's bearer token) and the values of its default headers named
 * for one (`authorization`, `x-api-key`, `x-portkey-api-key`, `cf-aig-authorization`…), also
 * without their `Bearer ` scheme. A gateway that refuses a key often quotes it. Credentials the SDK
 * resolves later (a `credentials` provider, a profile) are not known here.
 *
 * @example
 * credentialsOf(new Anthropic({ baseURL, authToken: 'gw-key' })); // ['gw-key']
 */
export function credentialsOf(client: AnthropicClient): string[] {
  const found = [client.apiKey, client.authToken];
  // The SDK keeps the headers it was given in its options (not public: read by name).
  const given = (Reflect.get(client, '_options') as { defaultHeaders?: unknown } | undefined)?.defaultHeaders;
  for (const [name, value] of headerEntries(given)) {
    // A credential is long: a short value (`x-max-tokens: 4096`) would be redacted from every message.
    if (typeof value !== 'string' || !CREDENTIAL_HEADER.test(name) || value.length < 8) continue;
    found.push(value, value.replace(/^\s*\w+\s+/u, ''));
  }
  return [...new Set(found.filter((value): value is string => typeof value === 'string' && value !== ''))];
}

// Named for a credential: `authorization`, `x-api-key`, `x-portkey-api-key`, `cf-aig-authorization`, `x-auth-token`.
const CREDENTIAL_HEADER = /(?:^|-)(?:authorization|api-?key|token|secret)$/iu;

/** The entries of headers given as a `Headers`, an array of pairs or a record. */
function headerEntries(headers: unknown): [string, unknown][] {
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.filter(Array.isArray) as [string, unknown][];
  return typeof headers === 'object' && headers !== null ? Object.entries(headers) : [];
}

function createClient(apiKey: string, options: ChatHandlerOptions): Anthropic {
  try {
    return new Anthropic({ apiKey, ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }) });
  } catch (cause) {
    throw new Error(clientRefusal(cause), { cause });
  }
}

/** Why the SDK would not create a client, with what to do about it where that is known. */
function clientRefusal(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (message.includes('dangerouslyAllowBrowser')) {
    // The SDK's own advice (`dangerouslyAllowBrowser`) is wrong for a relay, whose point is to keep
    // the key off browsers; the usual cause is a test running the relay in a DOM environment.
    return (
      'The Anthropic SDK would not create a client, as this looks like a browser (`window`, ' +
      '`document` and `navigator` are defined). The relay must run on a server; a test of it needs ' +
      'a Node environment: `// @vitest-environment node` at the top of its file in Vitest, or no DOM ' +
      '(happy-dom, jsdom) preloaded for it in other test runners.'
    );
  }
  const hint = isEnvPermissionError(cause)
    ? ' On Deno, allow reading ANTHROPIC_* variables: --allow-env=ANTHROPIC_*.'
    : '';
  return `The Anthropic SDK would not create a client: ${message.replace(/\.?$/u, '.')}${hint}`;
}

/** Deno's refusal to read an environment variable without `--allow-env` (the SDK reads several). */
function isEnvPermissionError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'NotCapable' || error.message.startsWith('Requires env access'))
  );
}

function readEnv(name: string): string | undefined {
  // Workers and Deno may have no `process`; they pass `apiKey` explicitly.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  try {
    return env?.[name];
  } catch {
    // Deno without `--allow-env` throws on the read: an unreadable variable is an unset one.
    return undefined;
  }
}
