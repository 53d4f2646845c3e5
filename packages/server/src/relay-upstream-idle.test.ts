import { contentScenarios } from '@chatstream/mocks';
import { streamMessage } from '@chatstream/reader';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import { failureOf } from './test/failure-of.ts';
import {
  chatBody,
  postRelay,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  waitFor,
} from './test/relay-fixture.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A relay with `upstreamIdleTimeoutMs` in front of the fake API at `timing`. */
async function relayWithIdleTimeout(
  upstreamIdleTimeoutMs: number,
  extra: Parameters<typeof createChatHandler>[0] = {},
  timing: Parameters<typeof startFakeAnthropic>[0] = {},
) {
  const fake = await startFakeAnthropic(timing);
  const finished: RelayResult[] = [];
  const relay = await startRelay(
    createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      upstreamIdleTimeoutMs,
      onFinish: (result) => void finished.push(result),
      ...extra,
    }),
  );
  closers.push(
    () => relay.close(),
    () => fake.close(),
  );
  return { fake, relay, finished };
}

describe('upstreamIdleTimeoutMs', () => {
  it('ends an answer whose upstream went silent, with a timeout_error after what arrived, and aborts upstream', async () => {
    // Pings every 50 ms go to the client: they must not count as upstream speaking.
    const { fake, relay, finished } = await relayWithIdleTimeout(400, { pingIntervalMs: 50 });
    const { text } = await postRelay(relay.url, chatBody('stalled'));
    expect(text).toContain('event: message_start');
    expect(text).toContain('event: ping');
    expect(text.trimEnd().split('\n\n').at(-1)).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"timeout_error","message":"The Anthropic API sent nothing for 400 ms."}}',
    );
    await waitFor(() => fake.requests[0]?.aborted === true && finished.length === 1);
    expect(finished[0]).toMatchObject({ outcome: 'error' });
  });

  it('gives the browser a typed timeout_error with the partial answer', async () => {
    const { relay } = await relayWithIdleTimeout(400);
    const failure = await failureOf(
      streamMessage({ url: relay.url, body: chatBody('stalled') }, { retry: false }).finalMessage(),
    );
    expect(failure).toMatchObject({ kind: 'stream-event', errorType: 'timeout_error' });
    expect(failure.partial?.message.id).toMatch(/^msg_/u);
  });

  it('lets an answer through whose upstream pauses less than the limit between events', async () => {
    // About 330 ms in all, in steps of 25 ms: the limit counts each wait, not the whole answer.
    const { relay } = await relayWithIdleTimeout(
      250,
      {},
      { timing: { timeToFirstToken: 50, tokensPerSecond: 40, jitter: 0 } },
    );
    const message = await streamMessage({ url: relay.url, body: chatBody('basic') }).finalMessage();
    expect(message).toEqual(contentScenarios.basic.expectedMessage);
  });

  it('ends a kept answer the same way with resume on', async () => {
    const { fake, relay } = await relayWithIdleTimeout(400, { resume: true });
    const { text } = await postRelay(relay.url, chatBody('stalled'));
    expect(text).toMatch(/"type":"timeout_error","message":"The Anthropic API sent nothing for 400 ms\."/u);
    await waitFor(() => fake.requests[0]?.aborted === true);
  });

  it('counts every upstream event with the plain-text protocol, thinking and pings too, not only text', async () => {
    // Thinking streams for longer than the limit before any text: its deltas keep the answer alive.
    const { relay } = await relayWithIdleTimeout(
      250,
      { protocol: 'text' },
      { timing: { timeToFirstToken: 50, tokensPerSecond: 40, jitter: 0 } },
    );
    const { text } = await postRelay(relay.url, chatBody('thinking'));
    expect(text).not.toContain('event: error');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('ends a silent answer with the plain-text protocol too', async () => {
    const { fake, relay } = await relayWithIdleTimeout(400, { protocol: 'text' });
    const { text } = await postRelay(relay.url, chatBody('stalled'));
    expect(text).toContain('event: error\ndata: The Anthropic API sent nothing for 400 ms.');
    await waitFor(() => fake.requests[0]?.aborted === true);
  });
});
