import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamEventError } from '../errors.ts';
import { startReplayServer, type ReplayServer } from '../test/replay-server.ts';
import { ourFinalMessage, sdkFinalMessage } from '../test/sdk-oracle.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';

// The official SDK is the oracle: for the same bytes, our finalMessage() must equal its own.
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

describe('finalMessage() equals the official SDK for the same bytes', () => {
  const complete = Object.entries(transcripts).filter(([name]) => name !== 'midStreamError');
  for (const [name, events] of complete) {
    for (const [framing, lineEnding, chunkSize] of [
      ['LF, 64-byte chunks', '\n', 64],
      ['CRLF, 7-byte chunks', '\r\n', 7],
    ] as const) {
      it(`${name} (${framing})`, async () => {
        server.serve(toSSE(events, lineEnding), chunkSize);
        const ours = await ourFinalMessage(server);
        const theirs = await sdkFinalMessage(server);
        expect(ours).toEqual(theirs);
      });
    }
  }

  it('a mid-stream error event rejects both with the same Anthropic error type, and ours keeps the partial text', async () => {
    server.serve(toSSE(transcripts['midStreamError'] ?? []), 16);
    const ourError = await ourFinalMessage(server).catch((error: unknown) => error);
    const theirError = await sdkFinalMessage(server).catch((error: unknown) => error);
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
