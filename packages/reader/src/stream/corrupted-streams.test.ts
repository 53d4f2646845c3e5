import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatStreamError } from '../errors.ts';
import { corruptedBytes, explains, failureText, isStreamFault } from '../test/corrupted-streams.ts';
import { transcripts } from '../test/transcripts.ts';
import type { MessageSnapshot } from '../types.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream } from './read-message-stream.ts';

const bodyOf = (bytes: Uint8Array) => new Response(bytes.slice()).body as ReadableStream<Uint8Array>;

/** Reads `bytes` as a `MessageStream` and reports what a caller can rely on. */
async function readOutcome(bytes: Uint8Array) {
  const stream = readMessageStream(bodyOf(bytes));
  let last: MessageSnapshot | undefined;
  stream.on('snapshot', (snapshot) => {
    last = snapshot;
  });
  // What apps append to their output: it must always be text, never "undefined" or an object.
  const deltas: unknown[] = [];
  const keep = (delta: unknown): void => {
    deltas.push(delta);
  };
  stream.on('text', keep);
  stream.on('thinking', keep);
  stream.on('inputJson', keep);
  const { error, message } = await settle(stream.finalMessage());
  return {
    // A failure is one of ours, of a kind that fits bad bytes (shown when it is not).
    typed: error === undefined || isStreamFault(error) ? true : failureText(error),
    deltasAreText: deltas.every((delta) => typeof delta === 'string'),
    status: stream.status,
    failed: error !== undefined,
    // Nothing received is lost: the failure carries the last snapshot, the result is the last one.
    keptWhatArrived:
      error === undefined ? message === last?.message : (error as ChatStreamError).partial === last,
    // A result is a complete message; a failure says what went wrong.
    explained: error === undefined ? last?.complete === true : explains(error as ChatStreamError),
  };
}

/** Reads `bytes` in sink mode and reports what a caller can rely on. */
async function readSinkOutcome(bytes: Uint8Array) {
  const deltas: unknown[] = [];
  const keep = (delta: unknown): void => {
    deltas.push(delta);
  };
  const { error, message } = await settle(
    readMessageEvents(bodyOf(bytes), { onText: keep, onThinking: keep, onInputJson: keep }),
  );
  return {
    typed: error === undefined || isStreamFault(error) ? true : failureText(error),
    deltasAreText: deltas.every((delta) => typeof delta === 'string'),
    explained: error === undefined ? Array.isArray(message?.content) : explains(error as ChatStreamError),
  };
}

async function settle<T>(promise: Promise<T>): Promise<{ message?: T; error?: unknown }> {
  return promise.then(
    (message) => ({ message }),
    (error: unknown) => ({ error: error ?? new Error('rejected with nothing') }),
  );
}

// `RUNS=20000 npx vitest run corrupted --testTimeout=300000` searches deeper (all passed on 2026-12-04).
const runs = { numRuns: Number(process.env['RUNS'] ?? 150) };

describe('corrupted streams', () => {
  for (const [name, transcript] of Object.entries(transcripts)) {
    it(`${name}: any corruption ends complete or in a typed error that keeps what arrived`, async () => {
      await fc.assert(
        fc.asyncProperty(corruptedBytes(transcript), async (bytes) => {
          const outcome = await readOutcome(bytes);
          expect(outcome).toEqual({
            typed: true,
            deltasAreText: true,
            status: outcome.failed ? 'error' : 'complete',
            failed: outcome.failed,
            keptWhatArrived: true,
            explained: true,
          });
        }),
        runs,
      );
    });
  }

  it('sink mode: any corruption of any transcript ends with the shell or a typed error, deltas always text', async () => {
    const all = Object.values(transcripts);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all).chain((transcript) => corruptedBytes(transcript)),
        async (bytes) => {
          expect(await readSinkOutcome(bytes)).toEqual({ typed: true, deltasAreText: true, explained: true });
        },
      ),
      runs,
    );
  });
});
