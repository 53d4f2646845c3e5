import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatStreamError } from '../errors.ts';
import { readMessageStream } from '../stream/read-message-stream.ts';
import { corruptedBytes, explains, failureText, isStreamFault } from '../test/corrupted-streams.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import type { ChatMessage } from './chat-message.ts';
import { createChatSession } from './chat-session.ts';

const bodyOf = (bytes: BodyInit) => new Response(bytes).body as ReadableStream<Uint8Array>;

/** Sends one message whose answer is `bytes` (later tool-result turns get a plain text answer). */
async function converse(bytes: Uint8Array) {
  let turns = 0;
  const inputs: unknown[] = [];
  const session = createChatSession({
    throttle: false,
    retry: false,
    maxSteps: 3,
    transport: () => {
      turns += 1;
      return readMessageStream(bodyOf(turns === 1 ? bytes.slice() : toSSE(transcripts['text'] ?? [])));
    },
    tools: {
      get_weather: {
        inputSchema: { type: 'object' },
        execute: (input) => {
          inputs.push(input);
          return { temperature: 18 };
        },
      },
    },
  });
  const sent = await session.send('Weather?').then(
    () => true,
    (error: unknown) => failureText(error),
  );
  const { status, error, messages } = session.getSnapshot();
  return {
    sent,
    status,
    failure: error === undefined || isStreamFault(error) ? true : failureText(error),
    explained: error === undefined || explains(error),
    keptWhatArrived: error === undefined || keptWhatArrived(messages, error),
    // A tool runs only on a complete input object, never on a half-read or mistyped one.
    toolInputsAreObjects: inputs.every((input) => typeof input === 'object' && input !== null),
  };
}

/**
 * A failed turn keeps what arrived: its assistant message, last, carries the error and the
 * partial content; when nothing had arrived, no empty assistant message is added.
 */
function keptWhatArrived(messages: readonly ChatMessage[], error: ChatStreamError): boolean {
  const last = messages.at(-1);
  if (!error.partial?.message.content.length) return last?.role === 'user';
  return (
    last?.role === 'assistant' &&
    last.error === error &&
    JSON.stringify(last.content) === JSON.stringify(error.partial.message.content)
  );
}

describe('ChatSession on corrupted streams', () => {
  it('any corruption of a tool-using answer leaves the session ready or in a typed error, the partial answer kept', async () => {
    const all = Object.values(transcripts);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all).chain((transcript) => corruptedBytes(transcript)),
        async (bytes) => {
          const outcome = await converse(bytes);
          expect(outcome).toEqual({
            sent: true,
            status: outcome.status === 'ready' ? 'ready' : 'error',
            failure: true,
            explained: true,
            keptWhatArrived: true,
            toolInputsAreObjects: true,
          });
        },
      ),
      // `RUNS=20000 npx vitest run corrupted --testTimeout=300000` searches deeper (all passed on 2026-12-04).
      { numRuns: Number(process.env['RUNS'] ?? 150) },
    );
  });
});
