// @vitest-environment node
import { type ChatMessage, type ChatSessionOptions, createChatSession } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from './catalogue.ts';
import { setupChatServer } from './node.ts';
import { createFakeAnthropicServer, type FakeAnthropicServer } from './server/fake-anthropic-server.ts';

// A real ChatSession against both backends: it sends a paused turn back to go on, and a failed
// answer's text back on retry(), as the final assistant message (a prefill).
const chat = setupChatServer({ timing: 'instant' });
let fake: FakeAnthropicServer;
beforeAll(async () => {
  // The fake API's requests go to the network, past MSW.
  chat.server.listen({ onUnhandledRequest: 'bypass' });
  fake = await createFakeAnthropicServer({ apiKey: 'test-key', timing: 'instant' });
});
afterEach(() => {
  chat.reset();
  fake.reset();
});
afterAll(async () => {
  chat.server.close();
  await fake.close();
});

const backends = [
  {
    name: 'the MSW handlers',
    requests: () => chat.requests,
    options: (): ChatSessionOptions => ({ api: 'http://localhost/api/chat' }),
  },
  {
    name: 'the fake API',
    requests: () => fake.requests,
    options: (): ChatSessionOptions => ({
      api: fake.url,
      model: 'claude-sonnet-4-6',
      maxTokens: 1024,
      body: { stream: true },
      headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
    }),
  },
];

const textOf = (message: ChatMessage | undefined): string =>
  (message?.content ?? []).map((block) => (block.type === 'text' ? String(block.text) : '')).join('');

describe.each(backends)('a ChatSession against $name', ({ requests, options }) => {
  const session = () => createChatSession({ ...options(), throttle: false, retry: false });

  it('goes on after pause_turn and ends ready with the final answer, in two requests', async () => {
    const target = session();
    await target.send('[scenario:pauseTurn]');
    const { status, error, messages } = target.getSnapshot();
    expect(error).toBeUndefined();
    expect(status).toBe('ready');
    expect(messages).toHaveLength(2);
    const answer = messages[1];
    expect(answer).toMatchObject({ role: 'assistant', status: 'complete', stopReason: 'end_turn' });
    const paused = scenarios.pauseTurn.expectedMessage.content;
    const resumed = scenarios.pauseTurn.continuation?.expectedMessage.content ?? [];
    expect(answer?.content).toEqual([...paused, ...resumed]);
    expect(textOf(answer)).toMatch(/Lagos .* million/u);
    expect(requests()).toHaveLength(2);
    expect(requests().map((request) => request.scenario)).toEqual(['pauseTurn', 'pauseTurn']);
  });

  it('retry() after overloadedMidStream streams the rest of the answer and ends ready', async () => {
    const target = session();
    await target.send('[scenario:overloadedMidStream]');
    const failed = target.getSnapshot().messages[1];
    expect(failed).toMatchObject({ status: 'error', error: { errorType: 'overloaded_error' } });
    expect(textOf(failed)).toBe(scenarios.overloadedMidStream.expectedText);

    await target.retry();
    const { status, error, messages } = target.getSnapshot();
    expect([status, error]).toEqual(['ready', undefined]);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ id: failed?.id, status: 'complete', stopReason: 'end_turn' });
    expect(textOf(messages[1])).toBe(
      'The printing press, developed around 1440 by Johannes Gutenberg, made books affordable, and ideas spread across Europe faster than ever before.',
    );
    expect(requests()).toHaveLength(2);
  });
});
