import { AsyncLocalStorage } from 'node:async_hooks';
import Anthropic from '@anthropic-ai/sdk';
import { scenarios, stall, withFaults } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import { type LoopbackServer, startFakeAnthropic, startRelay, TEST_KEY } from './test/relay-fixture.ts';
import { cancelStream, readUntil, startStream } from './test/resume-requests.ts';

/** The request a piece of work belongs to, as workerd's I/O context follows it through promises. */
const context = new AsyncLocalStorage<symbol>();

/**
 * A fetch that keeps workerd's rule: the upstream request and its body belong to the request that
 * made it, and an abort or a cancel from another request does nothing (workerd throws; the relay
 * must not depend on seeing it).
 */
function workerdLikeFetch(refused: string[]): typeof fetch {
  return async (input, init) => {
    const owner = context.getStore();
    const given = init?.signal;
    const own = new AbortController();
    given?.addEventListener(
      'abort',
      () => {
        if (context.getStore() === owner) own.abort(given.reason);
        else refused.push('abort');
      },
      { once: true },
    );
    const response = await fetch(input, { ...init, signal: own.signal });
    const { body } = response;
    if (!body) return response;
    const getReader = body.getReader.bind(body);
    Object.assign(body, {
      getReader: () => {
        const reader = getReader();
        const cancel = reader.cancel.bind(reader);
        reader.cancel = (reason?: unknown): Promise<void> => {
          if (context.getStore() === owner) return cancel(reason);
          refused.push('cancel');
          return Promise.reject(new Error('Cannot perform I/O on behalf of a different request.'));
        };
        return reader;
      },
    });
    return response;
  };
}

/** Starts `scenario` at `url` and reads until its first text delta: the stream's id, a reader on the rest. */
async function startReading(url: string, scenario: string) {
  const started = await startStream(url, scenario);
  const id = started.headers.get('chatstream-stream-id')!;
  const reader = started.body!.getReader();
  await readUntil(reader, (text) => text.includes('content_block_delta'));
  /** Everything that comes until the response ends. */
  const rest = (): Promise<string> => readUntil(reader);
  return { id, rest };
}

describe('a Stop that reaches the relay in another request than the one reading upstream (Workers)', () => {
  const refused: string[] = [];
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  /** Pings off: the stream's heartbeat comes every 15 s. */
  let quietRelay: LoopbackServer;
  /** Pings, and so heartbeats, every 100 ms. */
  let pingingRelay: LoopbackServer;
  /** A relay on the fake whose requests each run in their own context, as on workerd. */
  const workerdLikeRelay = (options: Partial<ChatHandlerOptions> = {}): Promise<LoopbackServer> => {
    const client = new Anthropic({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      fetch: workerdLikeFetch(refused),
    });
    const handler = createChatHandler({ client, resume: { graceMs: 30_000 }, ...options });
    return startRelay((request: Request) => context.run(Symbol('request'), () => handler(request)));
  };
  beforeAll(async () => {
    // Slow enough that the answer is far from its end when the Stop comes, even on a busy machine.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 25, jitter: 0 } });
    relay = await workerdLikeRelay();
    quietRelay = await workerdLikeRelay({ pingIntervalMs: 0 });
    pingingRelay = await workerdLikeRelay({ pingIntervalMs: 100 });
  });
  afterEach(() => {
    fake.reset();
    refused.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await quietRelay.close();
    await pingingRelay.close();
    await fake.close();
  });

  it('aborts upstream at its next chunk, from the request that reads it, and the client stops receiving', async () => {
    const { id, rest } = await startReading(relay.url, 'longAnswer');
    expect((await cancelStream(relay.url, id)).status).toBe(204);
    // The client stays connected: its response ends soon after the Stop, without the rest.
    expect(await rest()).not.toContain('message_stop');
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', aborted: true, completed: false });
    // The direct abort was tried, and refused, as workerd refuses it.
    expect(refused).toContain('cancel');
  });

  it('with pings off, aborts upstream at the chunk after the Stop, not at the heartbeat 15 s later: at most one more delta reaches the client', async () => {
    const { id, rest } = await startReading(quietRelay.url, 'longAnswer');
    expect((await cancelStream(quietRelay.url, id)).status).toBe(204);
    // Bounded well below the heartbeat (15 s), which would abort it too: the chunk after the Stop must.
    await vi.waitFor(() => expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false }), {
      timeout: 5_000,
    });
    const after = await rest();
    // One may have been kept before the Stop arrived; none is kept after it.
    expect(after.match(/^event: content_block_delta$/gmu)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(after).toContain('event: chatstream.stopped');
    expect(after).not.toContain('message_stop');
    expect(refused).toContain('cancel');
  });

  it('aborts an upstream that went quiet after the Stop at the next heartbeat, before it speaks again', async () => {
    // 30 s of silence after the first delta: no chunk comes to cancel upstream at.
    fake.use(
      withFaults(scenarios.longAnswer, stall(30_000, 3), {
        name: 'stallAfterFirstDelta',
        description: 'longAnswer, silent for 30 s after its first delta',
      }),
    );
    const { id, rest } = await startReading(pingingRelay.url, 'stallAfterFirstDelta');
    expect((await cancelStream(pingingRelay.url, id)).status).toBe(204);
    // Bounded well below the stall (30 s), whose end would let the reading loop abort it instead.
    await vi.waitFor(() => expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false }), {
      timeout: 5_000,
    });
    const after = await rest();
    expect(after).toContain('event: chatstream.stopped');
    expect(after).not.toContain('message_stop');
    expect(refused).toContain('cancel');
  });
});
