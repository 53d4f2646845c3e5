import Anthropic from '@anthropic-ai/sdk';
import { expect } from 'vitest';
import { IncompleteStreamError } from '../errors.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import type { ReplayServer } from './replay-server.ts';

/** The request both readers send to the replay server (it answers any request with its body). */
const request = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

const asJSON = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

const stream = (server: ReplayServer) =>
  streamMessage({ url: `${server.url}/v1/messages`, body: request }, { retry: false });

const sdkStream = (server: ReplayServer) =>
  new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 }).messages.stream(request);

/** Our `finalMessage()` for what the replay server serves, as plain JSON. */
export async function ourFinalMessage(server: ReplayServer): Promise<unknown> {
  return asJSON(await stream(server).finalMessage());
}

/** The official SDK's `finalMessage()` for the same bytes, as plain JSON. */
export async function sdkFinalMessage(server: ReplayServer): Promise<unknown> {
  const message = await sdkStream(server).finalMessage();
  // `parsed_output` is an SDK helper field (structured outputs), not part of the wire message.
  const { parsed_output: _sdkOnly, ...wire } = message as typeof message & { parsed_output?: unknown };
  return asJSON(wire);
}

/** The partial message our `IncompleteStreamError` carries for a stream that stops early. */
export async function ourPartialMessage(server: ReplayServer): Promise<unknown> {
  const error = await stream(server)
    .finalMessage()
    .then(
      () => new Error('expected the stream to fail'),
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(IncompleteStreamError);
  return asJSON((error as IncompleteStreamError).partial?.message);
}

/** The SDK's message snapshot after the last event (it has no partial on failure to ask for). */
export async function sdkPartialMessage(server: ReplayServer): Promise<unknown> {
  const sdk = sdkStream(server);
  let last: string | undefined;
  sdk.on('streamEvent', (_event, snapshot) => {
    last = JSON.stringify(snapshot);
  });
  await sdk.done().catch(() => undefined);
  return last === undefined ? undefined : JSON.parse(last);
}
