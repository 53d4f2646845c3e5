import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEventError } from '../errors.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { startReplayServer, type ReplayServer } from '../test/replay-server.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';

// The official SDK is the oracle: for the same bytes, our finalMessage() must equal its own.
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const request = {
  model: 'claude-sonnet-5-5',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

async function sdkFinalMessage(): Promise<unknown> {
  const client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
  const message = await client.messages.stream(request).finalMessage();
  // `parsed_output` is an SDK helper field (structured outputs), not part of the wire message.
  const { parsed_output: _ignored, ...wire } = message as typeof message & { parsed_output?: unknown };
  return JSON.parse(JSON.stringify(wire));
}

async function ourFinalMessage(): Promise<unknown> {
  const message = await streamMessage(
    { url: `${server.url}/v1/messages`, body: request },
    { retry: false },
  ).finalMessage();
  return JSON.parse(JSON.stringify(message));
}

describe('finalMessage() equals the official SDK for the same bytes', () => {
  const complete = Object.entries(transcripts).filter(([name]) => name !== 'midStreamError');
  for (const [name, events] of complete) {
    for (const [framing, lineEnding, chunkSize] of [
      ['LF, 64-byte chunks', '\n', 64],
      ['CRLF, 7-byte chunks', '\r\n', 7],
    ] as const) {
      it(`${name} (${framing})`, async () => {
        server.serve(toSSE(events, lineEnding), chunkSize);
        const ours = await ourFinalMessage();
        const theirs = await sdkFinalMessage();
        expect(ours).toEqual(theirs);
      });
    }
  }

  it('a mid-stream error event rejects both with the same Anthropic error type, and ours keeps the partial text', async () => {
    server.serve(toSSE(transcripts['midStreamError'] ?? []), 16);
    const ourError = await ourFinalMessage().catch((error: unknown) => error);
    const theirError = await sdkFinalMessage().catch((error: unknown) => error);
    expect(ourError).toBeInstanceOf(StreamEventError);
    const typed = ourError as StreamEventError;
    expect(typed.errorType).toBe('overloaded_error');
    expect(typed.requestId).toBe('req_011');
    expect(typed.partial?.message.content).toEqual([{ type: 'text', text: 'Partial answer that gets' }]);
    expect((theirError as { error?: { error?: { type?: string } } }).error?.error?.type).toBe(
      'overloaded_error',
    );
  });
});
