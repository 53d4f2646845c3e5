import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { type ChatHandler, createChatHandler } from './create-chat-handler.ts';
import { createMemoryResumeStore } from './memory-resume-store.ts';
import type { ResumeStore } from './resume-store.ts';
import { delayedStore } from './test/delayed-store.ts';
import { fetchDirect, chatBody, startFakeAnthropic, TEST_KEY } from './test/relay-fixture.ts';
import { describeResumeStoreContract } from './test/resume-store-contract.ts';
import { withoutIds } from './test/resume-requests.ts';
import { describeSharedStoreRelays } from './test/shared-store-relays.ts';

const decoder = new TextDecoder();

describe('one memory store shared by two relay instances, over a slow network', () => {
  const shared = delayedStore(createMemoryResumeStore());
  describeSharedStoreRelays(() => shared, Number(process.env['RUNS'] ?? 15));
});

/** A store whose `method` fails from its `after`-th call on (counting from 1), like a Redis that went away. */
function failingStore(method: keyof ResumeStore, after = 1): { store: ResumeStore; error: Error } {
  const error = new Error(`store: ${method} failed`);
  const store = createMemoryResumeStore();
  let calls = 0;
  const original = store[method] as (...args: unknown[]) => unknown;
  return {
    error,
    store: {
      ...store,
      [method]: (...args: unknown[]) => {
        calls += 1;
        if (calls >= after) return Promise.reject(error);
        return original(...args);
      },
    },
  };
}

/** POSTs a chat request for `scenario` to `relay` directly. */
const post = (relay: ChatHandler, scenario: string): Promise<Response> =>
  relay(
    new Request('http://127.0.0.1/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody(scenario)),
    }),
  );

describe('a resume store that fails', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 300, jitter: 0 } });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const handler = (store: ResumeStore, reported: unknown[], extra: Partial<ChatHandlerOptions> = {}) =>
    createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      resume: { store },
      onError: (error) => reported.push(error),
      ...extra,
    });

  it.each(['create', 'subscribe'] as const)(
    'answers 500 and aborts upstream when the stream cannot be kept (%s fails), reporting why',
    async (method) => {
      const { store, error } = failingStore(method);
      const reported: unknown[] = [];
      const response = await post(handler(store, reported), 'longAnswer');
      expect(response.status).toBe(500);
      expect((await response.json()).error).toEqual({ type: 'api_error', message: 'Internal server error.' });
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      expect(reported).toEqual([error]);
    },
  );

  it('aborts upstream when appending fails mid-answer, reporting why; the client gets an incomplete answer', async () => {
    const { store, error } = failingStore('append', 5);
    const reported: unknown[] = [];
    const response = await post(handler(store, reported), 'longAnswer');
    expect(response.status).toBe(200);
    // The events appended before the failure come through, then the body ends without message_stop
    // (a reader reports an incomplete stream, keeping them).
    const read = await response.text();
    expect(read).toContain('message_start');
    expect(read).not.toContain('message_stop');
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(reported).toContain(error);
  });

  it('fails the response of a reader that cannot subscribe, reporting why', async () => {
    // The relay's own subscription (the first) works; the reader's (the second) fails.
    const { store, error } = failingStore('subscribe', 2);
    const reported: unknown[] = [];
    const response = await post(handler(store, reported), 'basic');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(error.message);
    expect(reported).toContain(error);
  });

  it('fails a resume whose reads fail with a 500 the client retries, reporting why', async () => {
    const memory = createMemoryResumeStore();
    let broken = false;
    const error = new Error('store: read failed');
    const store: ResumeStore = {
      ...memory,
      read: (id, from) => (broken ? Promise.reject(error) : memory.read(id, from)),
    };
    const reported: unknown[] = [];
    const relay = handler(store, reported);
    const response = await post(relay, 'basic');
    const id = response.headers.get('chatstream-stream-id')!;
    await response.text();
    broken = true;
    const resumed = await relay(
      new Request('http://127.0.0.1/api/chat', { method: 'POST', headers: { 'chatstream-resume': id } }),
    );
    expect(resumed.status).toBe(500);
    expect(reported).toEqual([error]);
  });
});

describe('a reader of a kept stream', () => {
  it('pings while upstream is quiet and reads on although the store lost every event and finish signal', async () => {
    const fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 200, tokensPerSecond: 300, jitter: 0 },
    });
    try {
      const memory = createMemoryResumeStore();
      // A pub/sub that drops messages (Redis's does on a reconnect): only the readers' polling is left.
      const lossy: ResumeStore = {
        ...memory,
        subscribe: (id, listener) =>
          memory.subscribe(id, (signal) => signal !== 'event' && signal !== 'finish' && listener(signal)),
      };
      const relay = createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        pingIntervalMs: 30,
        resume: { store: lossy },
      });
      const response = await post(relay, 'basic');
      const text = await response.text();
      const pings = text.match(/^event: ping$/gmu) ?? [];
      expect(pings.length).toBeGreaterThanOrEqual(2);
      const withoutPings = text.replaceAll('event: ping\ndata: {"type": "ping"}\n\n', '');
      expect(withoutIds(withoutPings)).toBe((await fetchDirect(fake, 'basic')).text);
    } finally {
      await fake.close();
    }
  });
});

describe('a reader that leaves while it subscribes', () => {
  it('never counts as attached: upstream is aborted graceMs after it left, before the answer ends', async () => {
    const fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond: 100, jitter: 0 },
    });
    try {
      const memory = createMemoryResumeStore();
      // The relay's own subscription (the first) answers at once; the reader's (the second) waits
      // until the test lets it, as a slow Redis may make it.
      let subscriptions = 0;
      let answerSubscribe!: () => void;
      const answered = new Promise<void>((resolve) => {
        answerSubscribe = resolve;
      });
      const slowSubscribe: ResumeStore = {
        ...memory,
        subscribe: async (id, listener) => {
          subscriptions += 1;
          if (subscriptions === 2) await answered;
          return memory.subscribe(id, listener);
        },
      };
      const relay = createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        resume: { store: slowSubscribe, graceMs: 100 },
      });
      const response = await post(relay, 'longAnswer');
      expect(response.status).toBe(200);
      expect(subscriptions).toBe(2);
      // The client goes away before its reader subscribed, then the subscription answers.
      await response.body!.cancel();
      answerSubscribe();
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', aborted: true, completed: false });
    } finally {
      await fake.close();
    }
  });
});

describe('resume.waitUntil', () => {
  it('is handed a promise that settles once upstream was read to its end and the stream is finished in the store', async () => {
    const fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond: 300, jitter: 0 },
    });
    try {
      const store = createMemoryResumeStore();
      const handed: Promise<unknown>[] = [];
      const relay = createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        resume: { store, waitUntil: (promise) => handed.push(promise) },
      });
      const response = await post(relay, 'basic');
      const id = response.headers.get('chatstream-stream-id')!;
      expect(handed).toHaveLength(1);
      // Nobody reads the response (a serverless function that returned it): the reading goes on.
      await handed[0];
      const kept = await store.read(id, 0);
      expect(kept?.finished).toBe(true);
      expect(withoutIds(decoder.decode(Buffer.concat(kept!.events)))).toBe(
        (await fetchDirect(fake, 'basic')).text,
      );
      await response.body?.cancel();
    } finally {
      await fake.close();
    }
  });
});

describe('resume store options', () => {
  it('refuses a store without the ResumeStore methods, naming them', () => {
    expect(() => createChatHandler({ resume: { store: { read: () => undefined } as never } })).toThrow(
      new TypeError(
        'resume.store must be a ResumeStore (create, append, finish, read, publish, subscribe), got an object',
      ),
    );
    expect(() => createChatHandler({ resume: { waitUntil: 'later' as never } })).toThrow(
      new TypeError('resume.waitUntil must be a function, got "later"'),
    );
  });
});

describe('createMemoryResumeStore', () => {
  const store = createMemoryResumeStore();
  describeResumeStoreContract(() => store);

  it('keeps a finished stream for a ttl longer than a timer waits (2^31 ms), as a shared store does', async () => {
    const id = crypto.randomUUID();
    await store.create(id, {});
    await store.finish(id, 30 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.read(id, 0)).toMatchObject({ finished: true });
  });
});
