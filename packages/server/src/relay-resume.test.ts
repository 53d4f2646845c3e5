import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  fetchDirect,
  jsonPost,
  postRelay,
  startFakeAnthropic,
  TEST_KEY,
  useRelayOnFake,
  waitUntilForgotten,
} from './test/relay-fixture.ts';
import {
  lastEventId,
  readThenDrop,
  readUntil,
  resumeRequest,
  resumeStream as resume,
  startStream as start,
  withoutIds,
} from './test/resume-requests.ts';

describe('a relay with resume', () => {
  const reported: unknown[] = [];
  const relay = useRelayOnFake({
    resume: { graceMs: 2000, ttlMs: 5000 },
    onError: (error) => reported.push(error),
  });
  afterEach(() => {
    reported.length = 0;
  });
  it("numbers Anthropic's events and otherwise passes them through unchanged", async () => {
    const relayed = await postRelay(relay.url, chatBody('multiTool'));
    expect(relayed.response.headers.get('chatstream-stream-id')).toMatch(/^[\da-f-]{36}$/u);
    expect(relayed.response.headers.get('access-control-expose-headers')).toBe(
      'chatstream-stream-id, chatstream-replay, chatstream-ping-interval, request-id',
    );
    // How often it pings, for the client to take a longer silence for a dead connection.
    expect(relayed.response.headers.get('chatstream-ping-interval')).toBe('5000');
    const direct = await fetchDirect(relay.fake, 'multiTool');
    expect(withoutIds(relayed.text)).toBe(direct.text);
    const events = relayed.text.split('\n\n').filter((event) => event !== '');
    events.forEach((event, index) => expect(event.startsWith(`id: ${index + 1}\nevent: `)).toBe(true));
  });

  it('lets a client whose connection dropped read on from its last event, with nothing twice', async () => {
    const started = await start(relay.url, 'longAnswer');
    const id = started.headers.get('chatstream-stream-id')!;
    const before = await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
    const last = lastEventId(before);
    expect(Number(last)).toBeGreaterThan(1);

    const resumed = await resume(relay.url, id, last);
    expect(resumed.status).toBe(200);
    // How many events there were when it resumed: at least those read, all of them generated before.
    expect(Number(resumed.headers.get('chatstream-replay'))).toBeGreaterThanOrEqual(Number(last));
    expect(resumed.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    expect(resumed.headers.get('chatstream-stream-id')).toBe(id);
    const after = await resumed.text();
    expect(after.startsWith(`id: ${Number(last) + 1}\n`)).toBe(true);

    const whole = before.slice(0, before.lastIndexOf('\n\n') + 2) + after;
    expect(withoutIds(whole)).toBe((await fetchDirect(relay.fake, 'longAnswer')).text);
    await relay.fake.settled();
    // Upstream went on while nobody read: the answer is whole, paid once.
    expect(relay.fake.requests[0]).toMatchObject({ scenario: 'longAnswer', completed: true, aborted: false });
  });

  it('replays a finished stream from any event until it expires', async () => {
    const relayed = await postRelay(relay.url, chatBody('basic'));
    const id = relayed.response.headers.get('chatstream-stream-id')!;
    const all = await (await resume(relay.url, id, undefined)).text();
    expect(all).toBe(relayed.text);
    const tail = await (await resume(relay.url, id, '3')).text();
    expect(tail).toBe(relayed.text.slice(relayed.text.indexOf('id: 4\n')));
    const none = await resume(relay.url, id, String(relayed.text.match(/^id: /gmu)!.length));
    expect(await none.text()).toBe('');
  });

  it('aborts upstream at once when the client cancels (a Stop)', async () => {
    const started = await start(relay.url, 'longAnswer');
    const id = started.headers.get('chatstream-stream-id')!;
    await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
    // A cancel that also names the stream to resume (a reconnected page's headers) is a cancel.
    const cancelled = await fetch(relay.url, {
      method: 'POST',
      headers: { 'chatstream-cancel': id, 'chatstream-resume': id },
    });
    expect(cancelled.status).toBe(204);
    await relay.fake.settled();
    expect(relay.fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    // What was kept can still be read, and ends where upstream stopped.
    const kept = await (await resume(relay.url, id, '0')).text();
    expect(kept).toContain('content_block_delta');
    expect(kept).not.toContain('message_stop');
    expect(reported).toEqual([]);
  });

  it('keeps an upstream failure as the last event, for a client that resumes after it', async () => {
    const started = await start(relay.url, 'droppedConnection');
    const id = started.headers.get('chatstream-stream-id')!;
    const first = await readThenDrop(started.body!, (text) => text.includes('message_start'));
    await relay.fake.settled();
    const rest = await (await resume(relay.url, id, lastEventId(first))).text();
    expect(rest).toMatch(/id: \d+\nevent: error\ndata: \{"type":"error","error":\{"type":"api_error"/u);
    expect(reported).toHaveLength(1);
  });

  it('answers resumes it cannot serve with Anthropic-style errors that say why', async () => {
    const unknown = await resume(relay.url, 'no-such-stream', '1');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      type: 'error',
      error: {
        type: 'not_found_error',
        message:
          'No stream "no-such-stream" to resume here: it ended more than 5000 ms ago, or another server instance started it.',
      },
    });

    const relayed = await postRelay(relay.url, chatBody('basic'));
    const id = relayed.response.headers.get('chatstream-stream-id')!;
    for (const bad of ['abc', '-1', '1e3', '999']) {
      const response = await resume(relay.url, id, bad);
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toMatch(
        /^last-event-id: must be the id of an event this stream sent \(0 to \d+\), got "/u,
      );
    }
  });
});

describe('resume timing', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 40, jitter: 0 } });
  });
  afterAll(() => fake.close());

  it('aborts upstream when no client came back within graceMs, and forgets the stream after ttlMs', async () => {
    const handler = createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      resume: { graceMs: 100, ttlMs: 100 },
    });
    const response = await handler(jsonPost(chatBody('longAnswer')));
    const id = response.headers.get('chatstream-stream-id')!;
    await readThenDrop(response.body!, (text) => text.includes('content_block_delta'));
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    await waitUntilForgotten(handler, id);
  });

  it('keeps upstream going past graceMs when one of two readers leaves: the other reads the whole answer', async () => {
    fake.reset();
    // About 2 s of answer: far longer than graceMs after the first reader left.
    fake.use('longAnswer', { timing: { timeToFirstToken: 5, tokensPerSecond: 200, jitter: 0 } });
    try {
      const handler = createChatHandler({
        apiKey: TEST_KEY,
        baseURL: fake.baseURL,
        resume: { graceMs: 300, ttlMs: 5000 },
      });
      const first = await handler(jsonPost(chatBody('longAnswer')));
      const id = first.headers.get('chatstream-stream-id')!;
      const firstReader = first.body!.getReader();
      expect((await firstReader.read()).done).toBe(false);
      // A second tab reads the same answer; once it has read, it is attached.
      const second = await handler(resumeRequest(id, '0'));
      const secondReader = second.body!.getReader();
      let text = await readUntil(secondReader, (read) => read.includes('content_block_delta'));
      // The first tab closes; the second still reads.
      await firstReader.cancel();
      text += await readUntil(secondReader);
      await fake.settled();
      expect(fake.requests[0]).toMatchObject({ scenario: 'longAnswer', completed: true, aborted: false });
      expect(text).toContain('message_stop');
      expect(text).not.toContain('chatstream.stopped');
    } finally {
      fake.reset();
    }
  });

  it('tells a client that resumes on a relay without resume that it is off', async () => {
    const handler = createChatHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL });
    const response = await handler(
      new Request('http://127.0.0.1/api/chat', { method: 'POST', headers: { 'chatstream-cancel': 'x' } }),
    );
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe(
      'chatstream-cancel: this relay keeps no streams to resume or cancel (its resume option is off).',
    );
  });

  it('refuses resume settings that cannot work when the relay is created', () => {
    expect(() => createChatHandler({ resume: 'yes' as never })).toThrow(
      new TypeError('resume must be true, false or { graceMs?, ttlMs?, store?, waitUntil? }, got "yes"'),
    );
    expect(() => createChatHandler({ resume: { graceMs: -1 } })).toThrow(
      new RangeError('resume.graceMs must be a number ≥ 0, got -1'),
    );
    expect(() => createChatHandler({ resume: { ttlMs: Number.NaN } })).toThrow(RangeError);
  });
});
