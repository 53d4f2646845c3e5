import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentScenarios } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { streamMessage } from '@chatstream/reader';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChatHandler, createChatHandler } from '../create-chat-handler.ts';
import { createNodeHandler } from '../create-node-handler.ts';
import type { ResumeStore } from '../resume-store.ts';
import { flakyFetch } from './flaky-fetch.ts';
import { chatBody, fetchDirect, startFakeAnthropic, TEST_KEY } from './relay-fixture.ts';
import {
  cancelStream as cancel,
  lastEventId,
  resumeStream as resume,
  startThenDrop,
  withoutIds,
} from './resume-requests.ts';

/** Two relay instances, each behind its own loopback port: what a load balancer spreads requests over. */
interface Instances {
  urls: [string, string];
  /** One URL in front of both, sending each request to the next instance in turn (round robin). */
  balanced: string;
  close(): Promise<void>;
}

async function listen(handle: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat` };
}

async function startInstances(handlers: [ChatHandler, ChatHandler]): Promise<Instances> {
  const [first, second] = handlers.map((handler) => createNodeHandler(handler)) as [
    ReturnType<typeof createNodeHandler>,
    ReturnType<typeof createNodeHandler>,
  ];
  let turn = 0;
  const started = await Promise.all([
    listen(first),
    listen(second),
    listen((request, response) => (turn++ % 2 === 0 ? first : second)(request, response)),
  ]);
  return {
    urls: [started[0].url, started[1].url],
    balanced: started[2].url,
    close: async () => {
      for (const { server } of started) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/**
 * For the enclosing `describe`: the fake API at `tokensPerSecond`, and two relay instances in front
 * of it, each with the store `storeFor` gives it (one store shared, or one per instance over the
 * same database); errors they report are collected in `reported`.
 */
function useInstances(tokensPerSecond: number, storeFor: (instance: number) => ResumeStore) {
  const context = {
    fake: undefined as unknown as FakeAnthropicServer,
    instances: undefined as unknown as Instances,
    reported: [] as unknown[],
  };
  beforeAll(async () => {
    context.fake = await startFakeAnthropic({
      timing: { timeToFirstToken: 5, tokensPerSecond, jitter: 0.2 },
    });
    const relay = (instance: number): ChatHandler =>
      createChatHandler({
        apiKey: TEST_KEY,
        baseURL: context.fake.baseURL,
        resume: { store: storeFor(instance), graceMs: 300, ttlMs: 5000 },
        onError: (error) => context.reported.push(error),
      });
    context.instances = await startInstances([relay(0), relay(1)]);
  });
  afterEach(() => {
    context.fake.reset();
    context.reported.length = 0;
  });
  afterAll(async () => {
    await context.instances.close();
    await context.fake.close();
  });
  return context;
}

/**
 * The tests every shared {@link ResumeStore} passes behind two relay instances: a resume, a Stop and
 * a reader at the instance that did not start the stream, and `streamMessage` behind a round-robin
 * balancer with connections cut at random (`runs` runs). Call it inside a `describe`, from
 * `beforeAll` on `storeFor(0)` and `storeFor(1)` give each instance its store.
 */
export function describeSharedStoreRelays(storeFor: (instance: number) => ResumeStore, runs: number): void {
  describe('behind two relay instances', () => {
    const context = useInstances(300, storeFor);

    it("reads on at the other instance after a dropped connection: the whole answer, nothing twice, one upstream request, Anthropic's request-id", async () => {
      const { fake, instances, reported } = context;
      const [first, second] = instances.urls;
      const { id, before, requestId } = await startThenDrop(first, 'longAnswer');
      expect(requestId).toMatch(/^req_/u);
      const resumed = await resume(second, id, lastEventId(before));
      expect(resumed.status).toBe(200);
      expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/u);
      expect(resumed.headers.get('chatstream-stream-id')).toBe(id);
      expect(resumed.headers.get('request-id')).toBe(requestId);
      const after = await resumed.text();
      expect(after.startsWith(`id: ${Number(lastEventId(before)) + 1}\n`)).toBe(true);
      await fake.settled();
      expect(fake.requests).toHaveLength(1);
      fake.reset();
      expect(withoutIds(before + after)).toBe((await fetchDirect(fake, 'longAnswer')).text);
      expect(reported).toEqual([]);
    });

    it('aborts upstream at the first instance when a Stop reaches the second', async () => {
      const { fake, instances, reported } = context;
      const [first, second] = instances.urls;
      const { id } = await startThenDrop(first, 'longAnswer');
      expect((await cancel(second, id)).status).toBe(204);
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      // Both instances still serve what was kept, which ends where upstream stopped.
      for (const url of instances.urls) {
        const kept = await (await resume(url, id, '0')).text();
        expect(kept).toContain('content_block_delta');
        expect(kept).not.toContain('message_stop');
      }
      expect(reported).toEqual([]);
    });

    it('answers a stream no instance has with a 404 that points at the store', async () => {
      const response = await resume(context.instances.urls[1], 'no-such-stream', '0');
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe(
        'No stream "no-such-stream" to resume here: it ended more than 5000 ms ago, or the resume store never had it.',
      );
    });

    it('streamMessage behind a round-robin balancer: resumes land on the other instance, and the answer is whole (property)', async () => {
      const { fake, instances, reported } = context;
      const names = Object.keys(contentScenarios) as (keyof typeof contentScenarios)[];
      let resumedRuns = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 3 }),
          async (name, cuts) => {
            fake.reset();
            const { fetch, sent } = flakyFetch([...cuts]);
            const stream = streamMessage(
              { url: instances.balanced, body: chatBody(name) },
              { fetch, retry: false },
            );
            expect(await stream.finalMessage()).toEqual(contentScenarios[name].expectedMessage);
            await fake.settled();
            expect(fake.requests).toHaveLength(1);
            expect(fake.requests[0]).toMatchObject({ completed: true, aborted: false });
            if (sent.length > 1) resumedRuns += 1;
          },
        ),
        { numRuns: runs },
      );
      expect(resumedRuns).toBeGreaterThan(runs / 4);
      expect(reported).toEqual([]);
    }, 120_000);
  });

  describe('the grace period behind two relay instances', () => {
    const context = useInstances(60, storeFor);

    it('keeps upstream going while a client reads at the other instance, and aborts it graceMs after that client left', async () => {
      const { fake, instances, reported } = context;
      const [first, second] = instances.urls;
      const { id, before } = await startThenDrop(first, 'longAnswer');
      // Read at the second instance for longer than graceMs: the first must not give up meanwhile.
      const resumed = await resume(second, id, lastEventId(before));
      const reader = resumed.body!.getReader();
      const reading = Date.now();
      while (Date.now() - reading < 800) await reader.read();
      expect(fake.requests[0]).toMatchObject({ aborted: false });
      await reader.cancel();
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
      expect(reported).toEqual([]);
    });
  });
}
