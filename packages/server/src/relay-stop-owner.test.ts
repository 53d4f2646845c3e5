import { AsyncLocalStorage } from 'node:async_hooks';
import Anthropic from '@anthropic-ai/sdk';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { type LoopbackServer, startFakeAnthropic, startRelay, TEST_KEY } from './test/relay-fixture.ts';
import { cancelStream, startStream } from './test/resume-requests.ts';

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

describe('a Stop that reaches the relay in another request than the one reading upstream (Workers)', () => {
  const refused: string[] = [];
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  beforeAll(async () => {
    // Slow enough that the answer is far from its end when the Stop comes, even on a busy machine.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 25, jitter: 0 } });
    const client = new Anthropic({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      fetch: workerdLikeFetch(refused),
    });
    const handler = createChatHandler({ client, resume: { graceMs: 30_000 } });
    relay = await startRelay((request: Request) => context.run(Symbol('request'), () => handler(request)));
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('aborts upstream at its next chunk, from the request that reads it, and the client stops receiving', async () => {
    const started = await startStream(relay.url, 'longAnswer');
    const id = started.headers.get('chatstream-stream-id')!;
    const reader = started.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('content_block_delta')) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect((await cancelStream(relay.url, id)).status).toBe(204);
    // The client stays connected: its response ends soon after the Stop, without the rest.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).not.toContain('message_stop');
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', aborted: true, completed: false });
    // The direct abort was tried, and refused, as workerd refuses it.
    expect(refused).toContain('cancel');
  });
});
