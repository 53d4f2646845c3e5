import { endWithoutMessageStop, httpError, scenarios, stall, withFaults } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatStreamError, HTTPError, isChatStreamError } from '../errors.ts';
import type { TextBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions, ChatTool } from './chat-session-options.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';
import { until } from '../test/session-until.ts';

// Apps save conversations (localStorage, a database) and give them back after a reload through
// `initialMessages` or `setMessages`, often saved on every change, so mid-answer.

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

const weather = (tool: Partial<ChatTool> = {}): Record<string, ChatTool> => ({
  get_weather: { inputSchema: { type: 'object' }, ...tool },
});

function session(options: ChatSessionOptions = {}): ChatSession {
  return createChatSession({ api: API, throttle: false, retry: false, ...options });
}

/** A session's messages given back from JSON text as storage holds it. */
const restoredFrom = (json: string): readonly ChatMessage[] =>
  session({ initialMessages: JSON.parse(json) as ChatMessage[] }).getSnapshot().messages;

/** The messages as an app stores them and reads them back. */
const saved = (target: ChatSession): ChatMessage[] =>
  JSON.parse(JSON.stringify(target.getSnapshot().messages)) as ChatMessage[];

const textOf = (message: ChatMessage | undefined): string =>
  (message?.content ?? []).map((block) => (block.type === 'text' ? (block as TextBlock).text : '')).join('');

/** A session whose answer has begun and then stalls: saved now, it is saved mid-answer. */
async function answering(): Promise<ChatSession> {
  chat.use(withFaults(scenarios.basic, stall(10_000, 4)));
  const target = session();
  void target.send('Hello');
  await until(target, ({ messages }) => textOf(messages[1]).length > 0);
  return target;
}

describe('ChatSession: a saved conversation given back', () => {
  it('saved mid-answer, comes back stopped (not streaming forever), and retry() continues it', async () => {
    const before = await answering();
    const stored = saved(before);
    await before.stop();
    expect(stored[1]?.status).toBe('streaming');

    const after = session({ initialMessages: stored });
    const [, answer] = after.getSnapshot().messages;
    expect(answer).toMatchObject({ role: 'assistant', status: 'aborted' });
    expect(textOf(answer)).toBe(textOf(stored[1]));
    expect(after.getSnapshot().status).toBe('ready');

    chat.use(scenarios.basic);
    await after.retry();
    const last = chat.requests.at(-1)?.body as { messages: { role: string }[] };
    expect(last.messages.map((message) => message.role)).toEqual(['user', 'assistant']); // continued
    expect(after.getSnapshot().messages).toHaveLength(2);
    expect(after.getSnapshot().messages[1]).toMatchObject({ status: 'complete' });
  });

  it('saved while a tool ran: the call ends as a stop leaves it, and the conversation goes on', async () => {
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (finish = resolve));
    const before = session({ tools: weather({ execute: () => running.then(() => 18) }) });
    void before.send('Weather? [scenario:toolUse]');
    await until(before, ({ messages }) =>
      Object.values(messages[1]?.toolCalls ?? {}).some((call) => call.status === 'running'),
    );
    const stored = saved(before);
    finish();
    await before.stop();

    const after = session({ initialMessages: stored, tools: weather({ execute: () => 18 }) });
    const calls = Object.values(after.getSnapshot().messages[1]?.toolCalls ?? {});
    expect(calls).toEqual([{ status: 'stopped', result: 'Tool call aborted' }]);
    await after.send('Never mind. [scenario:basic]');
    expect(after.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(after.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', status: 'complete' });
  });

  it('saved while a tool waited for approval: approving after the reload runs it and goes on', async () => {
    const before = session({ tools: weather({ needsApproval: true, execute: () => 18 }) });
    await before.send('Weather? [scenario:toolUse]');
    const [id, call] = Object.entries(before.getSnapshot().messages[1]?.toolCalls ?? {})[0] ?? [];
    expect(call).toEqual({ status: 'awaiting-approval' });

    const after = session({
      initialMessages: saved(before),
      tools: weather({ needsApproval: true, execute: () => 18 }),
    });
    after.approveToolCall(id!, true);
    await until(after, ({ status, messages }) => status === 'ready' && messages.length === 4);
    expect(after.getSnapshot().messages[1]?.toolCalls).toEqual({ [id!]: { status: 'done', result: 18 } });
    expect(after.getSnapshot().messages[3]).toMatchObject({ role: 'assistant', status: 'complete' });
  });

  it('saved by a server without the tool calls’ state: they wait as the session would have left them', async () => {
    const before = session({ tools: weather({ needsApproval: true }) });
    await before.send('Weather? [scenario:toolUse]');
    // What a server stores: the API's message, no toolCalls.
    const stored = saved(before).map(({ toolCalls: _state, ...message }) => message);
    const [id] = Object.keys(before.getSnapshot().messages[1]?.toolCalls ?? {});

    const approving = session({
      initialMessages: stored,
      tools: weather({ needsApproval: true, execute: () => 18 }),
    });
    expect(approving.getSnapshot().messages[1]?.toolCalls).toEqual({
      [id!]: { status: 'awaiting-approval' },
    });
    chat.use(scenarios.basic);
    approving.approveToolCall(id!, true);
    await until(approving, ({ status, messages }) => status === 'ready' && messages.length === 4);
    expect(approving.getSnapshot().messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: id, content: '18' },
    ]);

    // A tool that runs by itself is not run on restore: stopped, retry() runs it.
    const running = session({ initialMessages: stored, tools: weather({ execute: () => 18 }) });
    expect(running.getSnapshot().messages[1]?.toolCalls?.[id!]?.status).toBe('stopped');
    // A new question instead: the call still gets its result in the request, as the API requires.
    chat.use(scenarios.basic);
    await running.send('Never mind');
    const sent = chat.requests.at(-1)?.body as { messages: { role: string; content: unknown }[] };
    expect(JSON.stringify(sent.messages.at(-1)?.content)).toContain(`"tool_use_id":"${id!}"`);

    // No tool of that name: it fails as an unknown tool, as it would have live.
    const unknown = session({ initialMessages: stored, tools: {} });
    expect(unknown.getSnapshot().messages[1]?.toolCalls?.[id!]?.status).toBe('error');
  });

  it('keeps a failed answer’s error, with its words and details, as a ChatStreamError, and the failure', async () => {
    chat.use(withFaults(scenarios.basic, endWithoutMessageStop()));
    const before = session();
    await before.send('Hello');
    const failed = before.getSnapshot().messages[1];
    expect(failed?.error).toBeInstanceOf(ChatStreamError);

    const after = session({ initialMessages: saved(before) });
    const restored = after.getSnapshot().messages[1];
    expect(isChatStreamError(restored?.error)).toBe(true);
    expect(restored?.error).toMatchObject({
      name: failed?.error?.name,
      kind: failed?.error?.kind,
      message: failed?.error?.message,
    });
    expect(restored?.error?.partial).toBeUndefined(); // the message holds that content already
    // The conversation comes back failed, as it was: the error shows, and retry() continues the answer.
    expect(after.getSnapshot()).toMatchObject({ status: 'error', error: restored?.error });
    chat.use(scenarios.basic);
    await after.retry();
    const last = chat.requests.at(-1)?.body as { messages: { role: string }[] };
    expect(last.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(after.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(after.getSnapshot().messages).toHaveLength(2);
  });

  it('shows the figures saved with the last answer until it streams again', async () => {
    chat.use(scenarios.basic);
    const first = session();
    await first.send('Hi');
    const figures = first.getSnapshot().stats!;
    expect(figures.outputTokens).toBeGreaterThan(0);

    const reloaded = session({ initialMessages: saved(first) });
    expect(reloaded.getSnapshot().stats).toEqual(JSON.parse(JSON.stringify(figures)));
    chat.use(scenarios.basic);
    await reloaded.send('Again');
    expect(reloaded.getSnapshot().stats).toEqual(reloaded.getSnapshot().messages.at(-1)?.stats);
    expect(reloaded.getSnapshot().stats).not.toEqual(JSON.parse(JSON.stringify(figures)));
    expect(session().getSnapshot().stats).toBeUndefined();
  });

  it('JSON of an error: name, kind, message and its class’s details, without the partial message', () => {
    const error = new HTTPError('HTTP 429: Slow down', {
      status: 429,
      errorType: 'rate_limit_error',
      requestId: 'req_1',
      retryAfterMs: 2000,
      partial: { message: {}, blocks: [] } as never,
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'HTTPError',
      kind: 'http',
      message: 'HTTP 429: Slow down',
      status: 429,
      errorType: 'rate_limit_error',
      requestId: 'req_1',
      retryAfterMs: 2000,
    });
  });

  it('setMessages leaves the message being streamed alone, and restores the ones it is given', async () => {
    const target = await answering();
    const stored = saved(target);
    target.setMessages((previous) => [...previous]);
    expect(target.getSnapshot().messages[1]).toMatchObject({ status: 'streaming' });
    await target.stop();
    target.setMessages(stored);
    expect(target.getSnapshot().messages[1]).toMatchObject({ status: 'aborted' });
  });

  it('keeps the messages given as they are, in an array of its own the caller can go on changing', () => {
    const history: ChatMessage[] = [
      { id: 'a', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { id: 'b', role: 'assistant', content: [{ type: 'text', text: 'Hello' }], status: 'complete' },
    ];
    const [question, answer] = history;
    const target = session({ initialMessages: history });
    history.length = 0;
    expect(target.getSnapshot().messages).toEqual([question, answer]);
    const again = [question!, answer!];
    target.setMessages(again);
    again.length = 0;
    const { messages } = target.getSnapshot();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(question);
    expect(messages[1]).toBe(answer);
  });

  it('refuses what is not a message with a TypeError naming it, and keeps what it had', () => {
    const good: ChatMessage = { id: 'a', role: 'user', content: [{ type: 'text', text: 'Hi' }] };
    const cases: [unknown[], RegExp][] = [
      [[null], /^Message 0 is not a message/],
      [[good, { ...good }], /^Message 1 is not a message: it needs an id of its own/],
      [[good, { id: 'b', role: 'system', content: [] }], /^Message 1 .* role 'user' or 'assistant'/],
      [[good, { id: 'b', role: 'assistant', content: 'Hello' }], /^Message 1 .* content blocks/],
      [[good, { id: 'b', role: 'assistant', content: [null] }], /^Message 1, block 0 .*: not an object/],
      // Saved by an older or buggy app: every request would fail on them, with nothing to retry.
      [
        [good, { id: 'b', role: 'assistant', content: [{ type: 'text' }] }],
        /block 0 .* text block without a string text/,
      ],
      [[good, { id: 'b', role: 'assistant', content: [{ type: 'text', text: 5 }] }], /string text/],
      [[good, { id: 'b', role: 'assistant', content: [{ type: 'thinking' }] }], /string thinking/],
      [[good, { id: 'b', role: 'assistant', content: [{ type: 'tool_use', id: 't' }] }], /string name/],
      [[good, { id: 'b', role: 'user', content: [{ type: 'tool_result' }] }], /string tool_use_id/],
    ];
    for (const [messages, problem] of cases) {
      expect(() => session({ initialMessages: messages as ChatMessage[] })).toThrow(problem);
      const target = session({ initialMessages: [good] });
      expect(() => target.setMessages(messages as ChatMessage[])).toThrow(TypeError);
      expect(target.getSnapshot().messages).toEqual([good]);
    }
  });

  it('drops what storage broke and keeps the rest: a tool call that is not one, a stream id no header can carry', async () => {
    const tampered = JSON.parse(
      JSON.stringify([
        { id: 'u', role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        {
          id: 'a',
          role: 'assistant',
          status: 'streaming',
          streamId: 'x\ny',
          content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: {} }],
          toolCalls: { t1: { status: 'done', result: { temperature: 21 } }, t2: null, t3: 'running' },
        },
      ]),
    ) as ChatMessage[];
    chat.use(scenarios.basic);
    const target = session({ initialMessages: tampered });
    const answer = target.getSnapshot().messages[1];
    expect(answer).toMatchObject({ status: 'aborted', toolCalls: { t1: { status: 'done' } } });
    expect(Object.keys(answer?.toolCalls ?? {})).toEqual(['t1']);
    expect(answer).not.toHaveProperty('streamId');
    // The answer can be asked again: no reconnect with a header that cannot be sent.
    await target.retry();
    expect(target.getSnapshot().status).toBe('ready');
    expect(chat.requests.at(-1)?.headers['chatstream-resume']).toBeUndefined();
  });

  it('revives a saved error whose JSON carries a __proto__ key as a ChatStreamError, its prototype untouched', () => {
    const [, answer] = restoredFrom(
      '[{"id":"u","role":"user","content":[]},{"id":"a","role":"assistant","status":"error","content":[],' +
        '"error":{"kind":"http","message":"m","__proto__":{"evil":true}}}]',
    );
    expect(isChatStreamError(answer?.error)).toBe(true);
    expect(answer?.error).toBeInstanceOf(ChatStreamError);
    expect(Reflect.get(answer?.error ?? {}, 'evil')).toBeUndefined();
  });

  it('idle, setMessages makes the status follow the conversation given; the same messages change nothing', async () => {
    chat.use(withFaults(scenarios.basic, httpError(400, { message: 'prompt is too long: 210000 tokens' })));
    const target = session();
    await target.send('A very long conversation');
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { status: 400 } });
    target.setMessages((messages) => messages);
    target.setMessages((messages) => [...messages]);
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { status: 400 } });
    // Trimmed to fit, or another conversation loaded: the failure was the old conversation's.
    target.setMessages([{ id: 'short', role: 'user', content: [{ type: 'text', text: 'Short' }] }]);
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });

    chat.use(withFaults(scenarios.basic, endWithoutMessageStop()));
    const failing = session();
    await failing.send('Hello');
    target.setMessages(saved(failing));
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'incomplete' } });
  });
});
