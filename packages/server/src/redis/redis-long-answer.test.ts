import { scenario } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from '../create-chat-handler.ts';
import { type Connected, redisClients } from '../test/redis-clients.ts';
import { startRedisServer, type TestRedisServer } from '../test/redis-server.ts';
import { chatBody, jsonPost, startFakeAnthropic, TEST_KEY } from '../test/relay-fixture.ts';
import { resumeRequest } from '../test/resume-requests.ts';
import { createRedisResumeStore } from './redis-resume-store.ts';

const decoder = new TextDecoder();
/** Text deltas in the answer: several pages of events. */
const DELTAS = 3000;

let redis: TestRedisServer;
let fake: FakeAnthropicServer;
beforeAll(async () => {
  redis = await startRedisServer();
  fake = await startFakeAnthropic();
  fake.use(scenario('manyDeltas').text('word '.repeat(DELTAS), { chunking: 5 }).stop('end_turn'));
});
afterAll(async () => {
  await fake.close();
  await redis.stop();
});

describe.each(redisClients)('a long answer kept in Redis, over %s', (name, connect) => {
  let connected: Connected;
  beforeAll(async () => {
    connected = await connect(redis.url);
  });
  afterAll(() => connected.close());

  it('is resumed from its middle a page at a time, as the client reads, and whole', async () => {
    const relay = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      resume: { store: createRedisResumeStore(connected.connection, { prefix: `test:${name}:long:` }) },
    });
    const started = await relay(jsonPost(chatBody('manyDeltas')));
    const id = started.headers.get('chatstream-stream-id')!;
    const live = await started.text();
    expect(live.match(/"text_delta"/gu)).toHaveLength(DELTAS);
    expect(live).toContain('message_stop');

    const reader = (await relay(resumeRequest(id, '1000'))).body!.getReader();
    let resumed = '';
    let largest = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const text = decoder.decode(chunk.value);
      largest = Math.max(largest, text.match(/^id: /gmu)?.length ?? 0);
      resumed += text;
    }
    // The rest of the answer is 2000 events and more; no chunk of it held more than a page.
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(512);
    expect(resumed.startsWith('id: 1001\n')).toBe(true);
    expect(live.endsWith(resumed)).toBe(true);
  });
});
