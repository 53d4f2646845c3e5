import { CHAT_API as API, sessionsOnMocks } from '../test/session-on-mocks.ts';
import {
  createMockResponse,
  faultScenarios,
  type MockScenario,
  scenario,
  scenarios,
  stall,
  withFaults,
} from '@chatstream/mocks';
import { describe, expect, it, vi } from 'vitest';
import { expectedErrorClass } from '../test/expected-error-class.ts';
import { BufferLimitError, ChatStreamError, IncompleteStreamError, TimeoutError } from '../errors.ts';
import type { TextBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSessionOptions, ChatSessionStatus } from './chat-session-options.ts';
import type { ChatSession } from './chat-session.ts';

const { chat, session } = sessionsOnMocks();

/** Every distinct status the session goes through, starting with the current one. */
function statuses(target: ChatSession): ChatSessionStatus[] {
  const seen = [target.getSnapshot().status];
  target.subscribe(() => {
    const { status } = target.getSnapshot();
    if (seen.at(-1) !== status) seen.push(status);
  });
  return seen;
}

const textOf = (message: ChatMessage | undefined): string =>
  (message?.content ?? []).map((block) => (block.type === 'text' ? (block as TextBlock).text : '')).join('');

const requestMessages = (index: number): unknown =>
  (chat.requests[index]?.body as { messages?: unknown } | undefined)?.messages;

/** Streams a few events, then stalls for 10 s: long enough to act mid-stream. */
type ErrorClass = new (...args: never[]) => ChatStreamError;

const stalling = withFaults(scenarios.basic, stall(10_000, 4));

describe('ChatSession: a conversation turn', () => {
  it('goes ready → submitted → streaming → ready and keeps the answer in the Anthropic shape', async () => {
    const onFinish = vi.fn<(message: ChatMessage) => void>();
    const target = session({ model: 'claude-test', maxTokens: 256, system: 'Be brief.', onFinish });
    const seen = statuses(target);
    const sending = target.send('Hello');
    expect(target.getSnapshot()).toMatchObject({ status: 'submitted', messages: [{ role: 'user' }] });
    await sending;

    expect(seen).toEqual(['ready', 'submitted', 'streaming', 'ready']);
    const { messages, error, stats } = target.getSnapshot();
    expect(error).toBeUndefined();
    expect(stats?.outputTokens).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'Hello' }] });
    expect(messages[1]).toMatchObject({
      role: 'assistant',
      status: 'complete',
      stopReason: 'end_turn',
      content: scenarios.basic.expectedMessage.content,
      message: scenarios.basic.expectedMessage,
    });
    expect(onFinish).toHaveBeenCalledWith(messages[1]);
    expect(chat.requests[0]?.body).toEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      system: 'Be brief.',
      model: 'claude-test',
      max_tokens: 256,
    });
  });

  it('surfaces max_tokens and refusal on the message and never continues them', async () => {
    const target = session();
    await target.send('[scenario:maxTokens]');
    await target.send('[scenario:refusal]');
    const [, cut, , refused] = target.getSnapshot().messages;
    expect(cut).toMatchObject({ status: 'complete', stopReason: 'max_tokens' });
    expect(textOf(cut)).toBe(scenarios.maxTokens.expectedText);
    expect(refused).toMatchObject({ status: 'complete', stopReason: 'refusal' });
    expect(refused?.message?.stop_details).toEqual(scenarios.refusal.expectedMessage.stop_details);
    expect(chat.requests).toHaveLength(2);
  });

  it('reads the plain-text protocol through a custom fetch', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.resolve(createMockResponse(scenarios.basic, { timing: 'instant', protocol: 'text' })),
    );
    const target = session({ protocol: 'text', fetch });
    await target.send('Hi');
    expect(textOf(target.getSnapshot().messages[1])).toBe(scenarios.basic.expectedText);
    expect(fetch).toHaveBeenCalledWith(API, expect.objectContaining({ method: 'POST' }));
  });

  it('setOptions changes the body and headers of the next request without recreating the session', async () => {
    const target = session({ body: { temperature: 1 } });
    await target.send('one');
    target.setOptions({ model: 'claude-next', body: { temperature: 0 }, headers: { 'x-team': 'a' } });
    await target.send('two', { body: { metadata: { user_id: 'u1' } } });
    expect(chat.requests[0]?.body).toMatchObject({ temperature: 1 });
    expect(chat.requests[0]?.body).not.toHaveProperty('model');
    expect(chat.requests[1]?.body).toMatchObject({
      model: 'claude-next',
      temperature: 0,
      metadata: { user_id: 'u1' },
    });
    expect(chat.requests[1]?.headers['x-team']).toBe('a');
    expect(requestMessages(1)).toHaveLength(3);
  });
});

/**
 * A session whose first answer ('one') is streaming when `stop()` is called and not awaited: the
 * stopped run is still winding down. Later requests get the basic answer.
 */
async function stoppedMidAnswer(): Promise<{ target: ChatSession; first: Promise<void> }> {
  chat.use(stalling);
  const target = session();
  const first = target.send('one');
  await vi.waitFor(() => expect(textOf(target.getSnapshot().messages[1])).not.toBe(''));
  void target.stop();
  chat.use(scenarios.basic);
  return { target, first };
}

describe('ChatSession: stop, busy, queue, concurrency', () => {
  it('stop() aborts the request mid-stream, resolves after release and keeps the partial as aborted', async () => {
    chat.use(stalling);
    const target = session();
    const seen = statuses(target);
    const sending = target.send('Hi');
    await vi.waitFor(() => expect(textOf(target.getSnapshot().messages[1])).not.toBe(''));
    await target.stop();

    const { messages, status, error } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(error).toBeUndefined();
    expect(messages[1]).toMatchObject({ role: 'assistant', status: 'aborted', error: undefined });
    expect(scenarios.basic.expectedText.startsWith(textOf(messages[1]))).toBe(true);
    expect(seen).toEqual(['ready', 'submitted', 'streaming', 'ready']);
    await sending;
    await chat.settled();
    expect(chat.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('refuses a second send while one is active with a typed busy error', async () => {
    chat.use(stalling);
    const target = session();
    const first = target.send('one');
    const error: unknown = await target.send('two').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatSessionError);
    expect(error).toMatchObject({ kind: 'session', code: 'busy' });
    await expect(target.regenerate()).rejects.toMatchObject({ code: 'busy' });
    await target.stop();
    await first;
    expect(target.getSnapshot().messages.filter((message) => message.role === 'user')).toHaveLength(1);
  });

  it('a send right after a stop() not awaited (a barge-in) goes once the stopped answer wound down', async () => {
    const { target, first } = await stoppedMidAnswer();
    await target.send('two');
    await first;
    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages.map((message) => [message.role, message.status])).toEqual([
      ['user', undefined],
      ['assistant', 'aborted'],
      ['user', undefined],
      ['assistant', 'complete'],
    ]);
    expect(textOf(messages[2])).toBe('two');
  });

  it('retry() right after a stop() not awaited continues the stopped answer, as after an awaited one', async () => {
    const { target, first } = await stoppedMidAnswer();
    await target.retry();
    await first;
    // Continued in place: the request ends with the stopped answer, and no other version was made.
    expect((requestMessages(1) as { role: string }[]).at(-1)?.role).toBe('assistant');
    expect(target.getSnapshot().messages).toHaveLength(2);
    expect(target.getSnapshot().versions).toEqual({});
  });

  it('a stop() and a send() from a listener of submitted: the first request never goes, the second does', async () => {
    const target = session();
    let barged = false;
    let second: Promise<void> | undefined;
    target.subscribe(() => {
      if (barged || target.getSnapshot().status !== 'submitted') return;
      barged = true;
      void target.stop();
      second = target.send('two');
    });
    await target.send('one');
    await second;
    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages.filter((message) => message.role === 'user').map(textOf)).toEqual(['one', 'two']);
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(chat.requests).toHaveLength(1);
    expect((requestMessages(0) as unknown[]).at(-1)).toMatchObject({
      role: 'user',
      content: [{ text: 'two' }],
    });
  });

  it('queues sends with queue: true and runs them in order', async () => {
    const target = session({ queue: true });
    await Promise.all([target.send('one'), target.send('two')]);
    const { messages } = target.getSnapshot();
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(textOf(messages[2])).toBe('two');
    expect(requestMessages(1)).toHaveLength(3);
  });

  it('ten sessions stream concurrently, each getting its own answer', async () => {
    const names = [
      'basic',
      'longAnswer',
      'refusal',
      'maxTokens',
      'stopSequence',
      'unicode',
      'thinking',
      'pings',
      'webSearch',
      'redactedThinking',
    ] as const;
    const sessions = names.map(() => session());
    await Promise.all(sessions.map((target, index) => target.send(`[scenario:${names[index]}]`)));
    sessions.forEach((target, index) => {
      const answer = target.getSnapshot().messages[1];
      expect(answer?.content).toEqual(scenarios[names[index]!].expectedMessage.content);
      expect(answer?.status).toBe('complete');
    });
  });

  it('clear() aborts and empties the conversation', async () => {
    chat.use(stalling);
    const target = session();
    const sending = target.send('Hi');
    target.clear();
    expect(target.getSnapshot()).toMatchObject({ messages: [], status: 'ready' });
    await sending;
    expect(target.getSnapshot().messages).toEqual([]);
  });
});

describe('ChatSession: failures', () => {
  const errorClass = expectedErrorClass;

  const cases: [MockScenario, ErrorClass, ChatSessionOptions][] = [
    ...Object.values<MockScenario>(faultScenarios).flatMap(
      (fault): [MockScenario, ErrorClass, ChatSessionOptions][] =>
        fault.expectedError ? [[fault, errorClass[fault.expectedError.kind], {}]] : [],
    ),
    [faultScenarios.stalled, TimeoutError, { idleTimeoutMs: 30 }],
    [faultScenarios.oversizedEvent, BufferLimitError, { maxBufferSize: 64 * 1024 }],
  ];

  for (const [fault, Expected, options] of cases) {
    it(`${fault.name}: ends in error with the typed error and the partial message`, async () => {
      const onError = vi.fn<(error: ChatStreamError) => void>();
      const target = session({ ...options, onError });
      const seen = statuses(target);
      await target.send(`[scenario:${fault.name}]`);

      const { status, error, messages } = target.getSnapshot();
      expect(status).toBe('error');
      expect(error).toBeInstanceOf(Expected);
      expect(onError).toHaveBeenCalledWith(error);
      expect(seen[0]).toBe('ready');
      expect(seen.at(-1)).toBe('error');
      // A failure before any content (even after `message_start`) leaves no assistant message;
      // otherwise it keeps the partial.
      const partial = error?.partial?.message.content.length ? error.partial : undefined;
      const kept = messages.slice(1).map(({ role, status: state, content }) => ({ role, state, content }));
      expect(kept).toEqual(
        partial
          ? [
              {
                role: 'assistant',
                state: error instanceof IncompleteStreamError ? 'incomplete' : 'error',
                content: partial.message.content,
              },
            ]
          : [],
      );
      expect(messages[1]?.error).toBe(partial ? error : undefined);
    });
  }

  it('overloadedMidStream keeps exactly the text that streamed', async () => {
    const target = session();
    await target.send('[scenario:overloadedMidStream]');
    const answer = target.getSnapshot().messages[1];
    expect(textOf(answer)).toBe(faultScenarios.overloadedMidStream.expectedText);
    expect(answer?.error).toMatchObject({ errorType: 'overloaded_error' });
  });

  it('retries with the reader before any content (flakyThenOk), saying so while it waits', async () => {
    const target = session({ retry: { initialDelayMs: 1 } });
    const retries: unknown[] = [];
    const statusesWhileRetrying = new Set<ChatSessionStatus>();
    target.subscribe(() => {
      const { retrying, status } = target.getSnapshot();
      if (!retrying) return;
      statusesWhileRetrying.add(status);
      if (retries.at(-1) !== retrying) retries.push(retrying);
    });
    await target.send('[scenario:flakyThenOk]');
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', retrying: undefined });
    expect(chat.requests.map((request) => request.status)).toEqual([529, 529, 200]);
    expect(retries).toMatchObject([
      { attempt: 1, error: { status: 529, errorType: 'overloaded_error' } },
      { attempt: 2, error: { status: 529 } },
    ]);
    expect([...statusesWhileRetrying]).toEqual(['submitted']);
  });

  it('stops saying it retries when stopped during the wait', async () => {
    const target = session({ retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    const waiting = new Promise<void>((resolve) => {
      target.subscribe(() => {
        if (target.getSnapshot().retrying) resolve();
      });
    });
    const sending = target.send('[scenario:overloaded]');
    await waiting;
    await target.stop();
    await sending;
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', retrying: undefined });
    expect(chat.requests).toHaveLength(1);
  });

  it('stops saying it retries once the retries ran out', async () => {
    const target = session({ retry: { maxRetries: 1, initialDelayMs: 1 } });
    await target.send('[scenario:overloaded]');
    expect(target.getSnapshot()).toMatchObject({ status: 'error', retrying: undefined });
    expect(chat.requests).toHaveLength(2);
  });
});

describe('ChatSession: retry, regenerate, edit', () => {
  const cut = scenario('cut').text('The press made books ').error('overloaded_error', 'Overloaded');
  const rest = scenario('rest').text(' cheaper and faster.').stop('end_turn');

  it('retry() continues a partial text answer in the same message', async () => {
    chat.use(cut);
    const target = session();
    await target.send('Tell me about the press');
    const failed = target.getSnapshot().messages[1];
    expect(failed).toMatchObject({ status: 'error' });

    chat.use(rest);
    const seen = statuses(target);
    await target.retry();
    expect(seen).toEqual(['error', 'submitted', 'streaming', 'ready']);
    expect(requestMessages(1)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Tell me about the press' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The press made books' }] },
    ]);
    const { messages, error } = target.getSnapshot();
    expect(error).toBeUndefined();
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({
      id: failed?.id,
      status: 'complete',
      error: undefined,
      stopReason: 'end_turn',
    });
    expect(messages[1]?.content).toEqual([
      { type: 'text', text: 'The press made books cheaper and faster.' },
    ]);
  });

  it('retry() continues an answer cut by max_tokens in the same message', async () => {
    chat.use(scenarios.maxTokens);
    const target = session();
    await target.send('Tell me about the press');
    const cutAnswer = target.getSnapshot().messages[1];
    expect(cutAnswer).toMatchObject({ status: 'complete', stopReason: 'max_tokens' });

    chat.use(rest);
    await target.retry();
    expect(requestMessages(1)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Tell me about the press' }] },
      { role: 'assistant', content: [{ type: 'text', text: textOf(cutAnswer).trimEnd() }] },
    ]);
    const { messages } = target.getSnapshot();
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ id: cutAnswer?.id, status: 'complete', stopReason: 'end_turn' });
    expect(textOf(messages[1])).toBe(`${textOf(cutAnswer).trimEnd()} cheaper and faster.`);
  });

  it.each([
    [
      'a tool call',
      scenario('cut-tool')
        .text('Let me look that up.')
        .toolUse('get_weather', { city: 'Paris' })
        .error('overloaded_error', 'Overloaded'),
    ],
    [
      'thinking',
      scenario('cut-thinking')
        .thinking('The user asks about the press.')
        .text('The press made books')
        .error('overloaded_error', 'Overloaded'),
    ],
  ])('retry() regenerates a failed answer holding %s, rather than continue it', async (_, failing) => {
    chat.use(failing);
    const target = session();
    await target.send('Tell me about the press');
    const failed = target.getSnapshot().messages[1];
    expect(failed).toMatchObject({ role: 'assistant', status: 'error' });
    expect(failed?.content.some((block) => block.type !== 'text')).toBe(true);

    chat.use(scenarios.basic);
    await target.retry();
    // Asked again as it was asked: the broken answer is no prefill to go on from.
    expect(requestMessages(1)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Tell me about the press' }] },
    ]);
    const { messages, status, error } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(error).toBeUndefined();
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({
      status: 'complete',
      content: scenarios.basic.expectedMessage.content,
    });
  });

  it('retry() after a failure before any content sends the conversation again', async () => {
    chat.use(faultScenarios.badRequest);
    const target = session();
    await target.send('Hi');
    chat.use(scenarios.basic);
    await target.retry();
    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(requestMessages(1)).toEqual(requestMessages(0));
  });

  it('regenerate() replaces the last answer; regenerate(id) drops everything from that answer', async () => {
    const target = session();
    await target.send('one');
    await target.send('two');
    const [, first, , second] = target.getSnapshot().messages;
    await target.regenerate();
    const after = target.getSnapshot().messages;
    expect(after).toHaveLength(4);
    expect(after[1]).toBe(first);
    expect(after[3]?.id).not.toBe(second?.id);
    expect(requestMessages(2)).toHaveLength(3);

    await target.regenerate(first!.id);
    expect(target.getSnapshot().messages).toHaveLength(2);
    expect(requestMessages(3)).toHaveLength(1);
    await expect(target.regenerate('nope')).rejects.toMatchObject({
      kind: 'session',
      code: 'unknown-message',
    });
    target.clear();
    await expect(target.regenerate()).rejects.toMatchObject({ code: 'unknown-message' });
    expect(chat.requests).toHaveLength(4);
  });

  it('edit() replaces a user message, truncates after it and resends', async () => {
    const target = session();
    await target.send('one');
    await target.send('two');
    const [question] = target.getSnapshot().messages;
    await target.edit(question!.id, 'uno');
    const { messages } = target.getSnapshot();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ id: question?.id, content: [{ type: 'text', text: 'uno' }] });
    expect(requestMessages(2)).toEqual([{ role: 'user', content: [{ type: 'text', text: 'uno' }] }]);
    await expect(target.edit(messages[1]!.id, 'x')).rejects.toMatchObject({ code: 'unknown-message' });
  });

  it('sends nothing when what is left repairs down to no message, and says so', async () => {
    const target = session({
      initialMessages: [
        {
          id: 'r',
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_gone', content: 'ok' }],
        },
      ],
    });
    await target.regenerate();
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'empty-message' } });
    expect(chat.requests).toHaveLength(0);
  });

  it('refuses a blank message with a typed error before any request, and keeps the conversation', async () => {
    const target = session();
    await target.send('one');
    const before = target.getSnapshot();
    for (const blank of ['', ' \n\t', []]) {
      await expect(target.send(blank)).rejects.toMatchObject({ kind: 'session', code: 'empty-message' });
    }
    const [question] = before.messages;
    await expect(target.edit(question!.id, '  ')).rejects.toMatchObject({ code: 'empty-message' });
    expect(target.getSnapshot()).toBe(before);
    expect(chat.requests).toHaveLength(1);
  });

  it('refuses what is not a message with a TypeError before any request (restoreChat would refuse it later)', async () => {
    const target = session();
    await target.send('one');
    const before = target.getSnapshot();
    const cases: [unknown, RegExp][] = [
      [123, /A message is a string or an array of content blocks, got number/],
      [null, /got null/],
      [[{}], /Block 0 of the message is not a content block: no type/],
      [[{ type: 'text', text: 'ok' }, { type: 'text' }], /Block 1 .*: a text block without a string text/],
    ];
    for (const [input, message] of cases) {
      await expect(target.send(input as string)).rejects.toThrow(TypeError);
      await expect(target.send(input as string)).rejects.toThrow(message);
    }
    expect(target.getSnapshot()).toBe(before);
    expect(chat.requests).toHaveLength(1);
  });
});
