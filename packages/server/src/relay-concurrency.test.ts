import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { startFakeAnthropic, startRelay, TEST_KEY, type LoopbackServer } from './test/relay-fixture.ts';
import { runRelayLoad } from './test/run-relay-load.ts';

describe('50 concurrent streams through the relay', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;

  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 20, tokensPerSecond: 600, jitter: 0.35 } });
    relay = await startRelay(createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('all arrive byte-identical, and every client that leaves aborts its upstream request', async () => {
    const result = await runRelayLoad({
      relayURL: relay.url,
      fake,
      streams: 50,
      disconnectEvery: 5,
      scenarios: ['basic', 'longAnswer', 'toolUse', 'unicode', 'webSearch', 'thinking'],
      disconnectScenario: 'longAnswer',
      deadlineMs: 60_000,
    });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      completed: 40,
      identical: 40,
      disconnected: 10,
      abortedUpstream: 10,
      completedUpstream: 40,
    });
  }, 90_000);
});
