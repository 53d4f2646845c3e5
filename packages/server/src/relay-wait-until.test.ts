import { describe, expect, it } from 'vitest';
import type { RelayResult } from './relay-watch.ts';
import { useRelayOnFake } from './test/relay-fixture.ts';
import { readThenDrop, startStream } from './test/resume-requests.ts';

describe('waitUntil: the relay work that outlives the response (Workers, Vercel)', () => {
  const handed: Promise<unknown>[] = [];
  const recorded: RelayResult['outcome'][] = [];
  const reported: unknown[] = [];
  const relay = useRelayOnFake({
    waitUntil: (promise) => handed.push(promise),
    // A billing write: the platform must wait for it too.
    onFinish: async ({ outcome }) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      recorded.push(outcome);
    },
    onError: (error) => reported.push(error),
  });

  it('is handed, while the request runs, a promise that settles once onFinish (and its promise) did, also for a client that left', async () => {
    const started = await startStream(relay.url, 'longAnswer');
    // Handed before the body is read: a platform takes it only in the request's own context.
    expect(handed).toHaveLength(1);
    await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
    await Promise.all(handed);
    expect(recorded).toEqual(['aborted']);
    expect(reported).toEqual([]);
  });
});

describe('waitUntil with resume', () => {
  const handed: Promise<unknown>[] = [];
  const relay = useRelayOnFake({ waitUntil: (promise) => handed.push(promise), resume: true });

  it("is resume's waitUntil too, unless resume has its own: handed the reading of each answer to its end", async () => {
    const started = await startStream(relay.url, 'basic');
    expect(handed).toHaveLength(1);
    await started.text();
    await Promise.all(handed);
    await relay.fake.settled();
    expect(relay.fake.requests[0]).toMatchObject({ completed: true });
  });
});
