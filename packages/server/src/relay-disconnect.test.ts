import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { streamMessage } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';

function post(body: unknown, signal?: AbortSignal): Request {
  return new Request('http://127.0.0.1/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('when the client goes away, the upstream request is aborted', () => {
  let fake: FakeAnthropicServer;
  let relay: LoopbackServer;
  const reported: unknown[] = [];
  const options = () => ({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    onError: (error: unknown) => reported.push(error),
  });

  beforeAll(async () => {
    // Slow enough that every stream is still running when the client leaves.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 } });
    relay = await startRelay(createChatHandler(options()));
  });
  afterEach(() => {
    fake.reset();
    reported.length = 0;
  });
  afterAll(async () => {
    await relay.close();
    await fake.close();
  });

  it('a browser stopping streamMessage through the Node relay', async () => {
    const stream = streamMessage({ url: relay.url, body: chatBody('longAnswer') }, { retry: false });
    const firstText = new Promise<void>((resolve) => stream.on('text', () => resolve()));
    const settled = stream.finalMessage().catch((error: unknown) => error);
    await firstText;
    stream.abort();
    await settled;
    await fake.settled();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', aborted: true, completed: false });
    expect(reported).toEqual([]);
  });

  it("a Web Request's signal aborting", async () => {
    const controller = new AbortController();
    const response = await createChatHandler(options())(post(chatBody('longAnswer'), controller.signal));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    await reader.cancel().catch(() => undefined);
    expect(reported).toEqual([]);
  });

  it("a Web Request's signal aborting while a read waits on upstream, before any cancel of the body: not reported as a failure", async () => {
    const controller = new AbortController();
    const response = await createChatHandler(options())(post(chatBody('longAnswer'), controller.signal));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // The upstream read this waits on fails with the abort: the client's leaving, not upstream's fault.
    const pending = reader.read();
    controller.abort();
    const read = await pending.then(
      () => 'a chunk',
      () => 'a failure',
    );
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(reported).toEqual([]);
    // No error event is written for a client that is gone: its body just fails.
    expect(read).toBe('a failure');
  });

  it('the response body being cancelled (Bun, Deno, Workers on disconnect)', async () => {
    const response = await createChatHandler(options())(post(chatBody('longAnswer')));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(reported).toEqual([]);
  });

  it('the text protocol too', async () => {
    const response = await createChatHandler({ ...options(), protocol: 'text' })(
      post(chatBody('longAnswer')),
    );
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('a request aborted before Anthropic answered never streams', async () => {
    const controller = new AbortController();
    controller.abort();
    const response = await createChatHandler(options())(post(chatBody('basic'), controller.signal));
    expect(response.status).toBe(499);
    await fake.settled();
    expect(fake.requests.every((request) => !request.completed)).toBe(true);
  });
});

/** The `abort` listeners added to `signal` and not removed since (nor fired, for `once` ones). */
function abortListenersOn(signal: AbortSignal): Set<unknown> {
  const listening = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  vi.spyOn(signal, 'addEventListener').mockImplementation((type, listener, options) => {
    if (type === 'abort') listening.add(listener);
    add(type, listener, options);
  });
  vi.spyOn(signal, 'removeEventListener').mockImplementation((type, listener, options) => {
    if (type === 'abort') listening.delete(listener);
    remove(type, listener, options);
  });
  return listening;
}

// Deno aborts the signal of every request it answered: a listener left on it would abort upstream
// after the fact and keep the request's objects alive until then.
describe("once the response ended, the relay no longer listens to the request's signal", () => {
  let fake: FakeAnthropicServer;
  const reported: unknown[] = [];
  const finished: unknown[] = [];

  beforeAll(async () => {
    // Slow enough that a long answer is still running when its client cancels.
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 100, jitter: 0 } });
  });
  afterEach(() => {
    fake.reset();
    reported.length = 0;
    finished.length = 0;
  });
  afterAll(async () => {
    await fake.close();
  });

  const relayOptions = (resume: boolean): ChatHandlerOptions => ({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    resume,
    onError: (error) => reported.push(error),
    onFinish: (result) => void finished.push(result.outcome),
  });

  describe.each([
    { resume: false, name: 'without resume' },
    { resume: true, name: 'with resume' },
  ])('$name', ({ resume }) => {
    it.each([
      { scenario: 'basic', outcome: 'complete' },
      { scenario: 'overloadedMidStream', outcome: 'error' },
      { scenario: 'rateLimited', outcome: 'error' },
      { scenario: 'wrongContentType', outcome: 'error' },
    ])('after a $scenario answer read to its end', async ({ scenario, outcome }) => {
      const controller = new AbortController();
      const request = post(chatBody(scenario), controller.signal);
      const listening = abortListenersOn(request.signal);

      const response = await createChatHandler(relayOptions(resume))(request);
      await response.text();
      await fake.settled();

      expect(listening.size).toBe(0);
      await vi.waitFor(() => expect(finished).toEqual([outcome]));
      const reports = reported.length;
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(finished).toEqual([outcome]);
      expect(reported).toHaveLength(reports);
    });
  });

  it('after the client cancelled the body, with upstream aborted at once', async () => {
    const controller = new AbortController();
    const request = post(chatBody('longAnswer'), controller.signal);
    const listening = abortListenersOn(request.signal);

    const response = await createChatHandler(relayOptions(false))(request);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await fake.settled();

    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(listening.size).toBe(0);
    await vi.waitFor(() => expect(finished).toEqual(['aborted']));
  });
});
