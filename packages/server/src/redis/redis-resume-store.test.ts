import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from '../create-chat-handler.ts';
import type { ResumeSignal, ResumeStore } from '../resume-store.ts';
import { type Connected, redisClients } from '../test/redis-clients.ts';
import { startRedisServer, type TestRedisServer } from '../test/redis-server.ts';
import { describeResumeStoreContract } from '../test/resume-store-contract.ts';
import { chatBody, fetchDirect, jsonPost, startFakeAnthropic, TEST_KEY } from '../test/relay-fixture.ts';
import { lastEventId, readThenDrop, resumeRequest, withoutIds } from '../test/resume-requests.ts';
import { describeSharedStoreRelays } from '../test/shared-store-relays.ts';
import { createRedisResumeStore } from './redis-resume-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

let redis: TestRedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

describe.each(redisClients)('createRedisResumeStore over %s', (name, connect) => {
  // Two connections each, as two server instances would have.
  const connected: Connected[] = [];
  const stores: ResumeStore[] = [];
  beforeAll(async () => {
    for (const instance of [0, 1]) {
      connected[instance] = await connect(redis.url);
      stores[instance] = createRedisResumeStore(connected[instance].connection, { prefix: `test:${name}:` });
    }
  });
  afterAll(async () => {
    for (const connection of connected) await connection.close();
  });

  describeResumeStoreContract((instance) => stores[instance]!);

  it('forgets a stream that was never finished maxAgeMs after its last event (its instance died)', async () => {
    const [, other] = connected as [Connected, Connected];
    const store = createRedisResumeStore(other.connection, { prefix: `test:${name}:age:`, maxAgeMs: 100 });
    const id = crypto.randomUUID();
    await store.create(id, {});
    await store.append(id, [bytes('id: 1\ndata: x\n\n')]);
    expect((await store.read(id, 0))?.finished).toBe(false);
    await expect.poll(() => store.read(id, 0), { timeout: 5000, interval: 25 }).toBeUndefined();
  });

  it('ignores messages on its channels that are not signals, and stops delivering once unsubscribed', async () => {
    const [store] = stores as [ResumeStore];
    const [raw] = connected as [Connected];
    const id = crypto.randomUUID();
    const heard: ResumeSignal[] = [];
    const off = await store.subscribe(id, (signal) => heard.push(signal));
    await raw.raw(['PUBLISH', `test:${name}:{${id}}`, 'hello']);
    await store.publish(id, 'event');
    await expect.poll(() => heard).toEqual(['event']);
    off();
    // Subscribing again at once waits for the unsubscribe before it, and hears what follows.
    const again: ResumeSignal[] = [];
    const offAgain = await store.subscribe(id, (signal) => again.push(signal));
    await store.publish(id, 'finish');
    await expect.poll(() => again).toEqual(['finish']);
    expect(heard).toEqual(['event']);
    offAgain();
  });

  it('shares one connection between stores (a route each): a store that leaves a channel does not cut off another one listening there', async () => {
    const [own] = connected as [Connected];
    const prefix = `test:${name}:shared:`;
    const first = createRedisResumeStore(own.connection, { prefix });
    const second = createRedisResumeStore(own.connection, { prefix });
    // Another adapter over the same clients, as a second route of the process may build.
    const third = createRedisResumeStore(own.another(), { prefix });
    const id = crypto.randomUUID();
    const heard: ResumeSignal[] = [];
    const off = await first.subscribe(id, (signal) => heard.push(signal));
    for (const other of [second, third]) (await other.subscribe(id, () => undefined))();
    // One subscriber connection answers in order: once this subscription is made, those undone
    // before it are done.
    (await second.subscribe(crypto.randomUUID(), () => undefined))();
    await second.publish(id, 'event');
    await third.publish(id, 'finish');
    await expect.poll(() => heard).toEqual(['event', 'finish']);
    off();
  });

  /** A relay on `fake` over its own Redis store with a short maxAgeMs, pinging every `pingIntervalMs`. */
  const relayOn = (
    fake: FakeAnthropicServer,
    instance: number,
    pingIntervalMs: number,
    wrap = (store: ResumeStore) => store,
  ) =>
    createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      pingIntervalMs,
      resume: {
        store: wrap(
          createRedisResumeStore(connected[instance]!.connection, {
            prefix: `test:${name}:stop:`,
            maxAgeMs: 400,
          }),
        ),
      },
    });

  describe('an instance that stops mid-answer', () => {
    it('leaves its stream to expire: a reader at another instance gets what was kept, then the end, instead of waiting', async () => {
      const fake = await startFakeAnthropic({
        timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 },
      });
      try {
        let stopped = false;
        // From the stop on, nothing this instance does reaches Redis, as if its process was gone.
        const stopping = (store: ResumeStore): ResumeStore =>
          Object.fromEntries(
            Object.entries(store).map(([method, call]) => [
              method,
              (...args: unknown[]) =>
                stopped ? new Promise(() => undefined) : (call as (...a: unknown[]) => unknown)(...args),
            ]),
          ) as unknown as ResumeStore;
        const first = relayOn(fake, 0, 50, stopping);
        const second = relayOn(fake, 1, 50);
        const started = await first(jsonPost(chatBody('longAnswer')));
        const id = started.headers.get('chatstream-stream-id')!;
        const before = await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
        stopped = true;
        const resumed = await second(resumeRequest(id, lastEventId(before)));
        expect(resumed.status).toBe(200);
        const after = await resumed.text();
        expect(after).not.toContain('message_stop');
        // Once forgotten, a resume gets the 404 the client falls back on (Retry asks again).
        expect((await second(resumeRequest(id, '0'))).status).toBe(404);
      } finally {
        await fake.close();
      }
    });

    it('keeps a stream whose upstream is quiet for longer than maxAgeMs alive with heartbeats', async () => {
      const fake = await startFakeAnthropic({
        timing: { timeToFirstToken: 1200, tokensPerSecond: 300, jitter: 0 },
      });
      try {
        const first = relayOn(fake, 0, 100);
        const second = relayOn(fake, 1, 100);
        const started = await first(jsonPost(chatBody('basic')));
        const id = started.headers.get('chatstream-stream-id')!;
        await started.body!.cancel();
        // The first event comes after 1.2 s of quiet, three times maxAgeMs.
        const resumed = await second(resumeRequest(id, '0'));
        const text = (await resumed.text()).replaceAll('event: ping\ndata: {"type": "ping"}\n\n', '');
        fake.reset();
        expect(withoutIds(text)).toBe((await fetchDirect(fake, 'basic')).text);
      } finally {
        await fake.close();
      }
    });
  });

  it('refuses options that cannot work', () => {
    const { connection } = connected[0]!;
    expect(() => createRedisResumeStore(connection, { maxAgeMs: 0 })).toThrow(
      new RangeError('maxAgeMs must be a whole number of milliseconds ≥ 1, got 0'),
    );
    expect(() => createRedisResumeStore(connection, { prefix: 7 as never })).toThrow(
      new TypeError('prefix must be a string, got number'),
    );
    // Node fires a timer longer than 2^31 - 1 ms at once: every command would time out.
    for (const commandTimeoutMs of [0, 2 ** 31, Number.NaN]) {
      expect(() => createRedisResumeStore(connection, { commandTimeoutMs })).toThrow(
        new RangeError(
          `commandTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, or Infinity, got ${commandTimeoutMs}`,
        ),
      );
    }
    expect(() => createRedisResumeStore(connection, { commandTimeoutMs: Infinity })).not.toThrow();
  });

  describeSharedStoreRelays((instance) => stores[instance]!, Number(process.env['RUNS'] ?? 8));
});
