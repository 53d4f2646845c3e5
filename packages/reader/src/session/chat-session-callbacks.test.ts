import { scenarios, stall, withFaults } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { until } from '../test/session-until.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions, ChatSettled, ChatUsage } from './chat-session-options.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';
import { ChatSessionError } from './chat-session-error.ts';

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

// A callback's error is reported as an uncaught error (browsers' reportError); captured here.
let reported: unknown[] = [];
beforeEach(() => {
  reported = [];
  vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
  return () => vi.unstubAllGlobals();
});

function session(options: ChatSessionOptions = {}): ChatSession {
  return createChatSession({ api: API, throttle: false, retry: false, ...options });
}

describe('ChatSession: callbacks that throw', () => {
  it('an onFinish that throws does not stop the tool loop; its error is reported', async () => {
    const bug = new Error('analytics failed');
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({
      tools: { get_weather: { inputSchema: { type: 'object' }, execute } },
      onFinish: () => {
        throw bug;
      },
    });
    // Before: send() rejected with the callback's error and the tool never ran.
    await target.send('Weather? [scenario:toolUse]');
    expect(execute).toHaveBeenCalledOnce();
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, {}, {}, {}] });
    expect(reported).toEqual([bug, bug]);
  });

  it('an onError that throws does not keep the next queued message from being sent', async () => {
    const target = session({
      queue: true,
      onError: () => {
        throw new Error('logger failed');
      },
    });
    await Promise.all([target.send('[scenario:overloaded]'), target.send('[scenario:basic]')]);
    expect(chat.requests.map((request) => request.scenario)).toEqual(['overloaded', 'basic']);
    expect(target.getSnapshot().messages.at(-1)).toMatchObject({ status: 'complete' });
    expect(reported).toHaveLength(1);
  });

  it('a subscriber that throws does not keep the others from hearing, nor send() from resolving', async () => {
    const target = session();
    const heard = vi.fn<() => void>();
    target.subscribe(() => {
      throw new Error('render failed');
    });
    target.subscribe(heard);
    await target.send('[scenario:basic]');
    expect(target.getSnapshot().status).toBe('ready');
    expect(heard).toHaveBeenCalled();
    expect(reported.length).toBe(heard.mock.calls.length);
  });
});

describe('ChatSession: onFinish', () => {
  it('hears the answer that ends the request once the session is ready, so it can send the next message', async () => {
    const heard: string[] = [];
    let followUp: Promise<void> | undefined;
    const target = session({
      onFinish: () => {
        heard.push(target.getSnapshot().status);
        followUp ??= target.send('[scenario:basic]');
      },
    });
    await target.send('[scenario:basic]');
    // Before: the session was still streaming, and the follow-up was refused as busy.
    await expect(followUp).resolves.toBeUndefined();
    expect(heard).toEqual(['ready', 'ready']);
    expect(target.getSnapshot().messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('hears an answer that called tools before they run, while the request goes on', async () => {
    const order: string[] = [];
    const target = session({
      tools: {
        get_weather: {
          inputSchema: { type: 'object' },
          execute: () => {
            order.push('execute');
            return 'sunny';
          },
        },
      },
      onFinish: (message) => order.push(`${message.stopReason} ${target.getSnapshot().status}`),
    });
    await target.send('Weather? [scenario:toolUse]');
    expect(order).toEqual(['tool_use streaming', 'execute', 'end_turn ready']);
  });

  it('hears the last answer before onError when the step cap ends the request', async () => {
    const order: string[] = [];
    const target = session({
      maxSteps: 1,
      tools: { get_weather: { inputSchema: { type: 'object' }, execute: () => 'sunny' } },
      onFinish: (message) => order.push(`finish ${message.stopReason}`),
      onError: (error) => order.push(`error ${error instanceof ChatSessionError ? error.code : ''}`),
    });
    await target.send('Weather? [scenario:toolUse]');
    expect(order).toEqual(['finish tool_use', 'error max-steps']);
  });
});

describe('ChatSession: onSettled', () => {
  it('hears a request once when it is over: a tool loop and a paused turn as one, with the last answer', async () => {
    const log: ChatSettled[] = [];
    const finished: string[] = [];
    const target = session({
      tools: { get_weather: { inputSchema: { type: 'object' }, execute: () => 'sunny' } },
      onFinish: (message) => finished.push(message.id),
      onSettled: (settled) => log.push(settled),
    });
    await target.send('Weather? [scenario:toolUse]');
    const { messages } = target.getSnapshot();
    const last = log.at(-1);
    expect(log.map(({ outcome }) => outcome)).toEqual(['complete']);
    expect(last?.answer).toBe(messages.at(-1));
    expect(last?.messages).toBe(messages);
    expect(last).not.toHaveProperty('error');

    await target.send('Lagos? [scenario:pauseTurn]');
    // onFinish hears the paused answer and its continuation (one message); onSettled the request, once.
    expect(finished.slice(2)).toEqual([finished.at(-1), finished.at(-1)]);
    expect(log.map(({ outcome }) => outcome)).toEqual(['complete', 'complete']);
    expect(log[1]?.answer?.stopReason).toBe('end_turn');
  });

  it('hears a failed request with its error and partial answer, and a stopped one, which onFinish does not', async () => {
    const log: ChatSettled[] = [];
    const onFinish = vi.fn<(message: ChatMessage) => void>();
    const target = session({ onFinish, onSettled: (settled) => log.push(settled) });
    await target.send('[scenario:overloadedMidStream]');
    expect(log).toEqual([
      {
        outcome: 'error',
        answer: target.getSnapshot().messages.at(-1),
        error: target.getSnapshot().error,
        messages: target.getSnapshot().messages,
      },
    ]);
    expect(log[0]?.answer?.status).toBe('error');

    chat.use(withFaults(scenarios.basic, stall(10_000, 4)));
    const sending = target.send('Hello');
    await until(
      target,
      ({ messages }) => (messages.at(-1)?.content.length ?? 0) > 0 && messages.at(-1)?.role === 'assistant',
    );
    await target.stop();
    await sending;
    expect(log.map(({ outcome }) => outcome)).toEqual(['error', 'aborted']);
    expect(log[1]?.answer).toMatchObject({ status: 'aborted' });
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('is not called for a request setMessages cut short (its conversation is gone), and names the answer an approval went on from', async () => {
    const log: ChatSettled[] = [];
    const target = session({
      tools: {
        get_weather: { inputSchema: { type: 'object' }, needsApproval: true, execute: () => 'sunny' },
      },
      onSettled: (settled) => log.push(settled),
    });
    chat.use(withFaults(scenarios.basic, stall(10_000, 4)));
    const sending = target.send('Hello');
    await until(
      target,
      ({ messages }) => (messages.at(-1)?.content.length ?? 0) > 0 && messages.at(-1)?.role === 'assistant',
    );
    target.setMessages([
      { id: 'other', role: 'user', content: [{ type: 'text', text: 'Another conversation' }] },
    ]);
    await sending;
    expect(log).toEqual([]);

    chat.reset();
    target.setMessages([]);
    await target.send('Weather? [scenario:toolUse]');
    const asking = target.getSnapshot().messages.at(-1)!;
    const [id] = Object.keys(asking.toolCalls ?? {});
    chat.use(scenarios.basic);
    target.approveToolCall(id!, true);
    await target.stop();
    expect(log.at(-1)).toMatchObject({ outcome: 'aborted' });
    expect(log.at(-1)?.answer?.id).toBe(asking.id);
  });
});

describe('ChatSession: a request that cannot be made', () => {
  it('a header no request can carry fails the answer (setup), heard and retried, with the question kept', async () => {
    const errors: unknown[] = [];
    const settled: ChatSettled[] = [];
    const target = session({ onError: (error) => errors.push(error), onSettled: (end) => settled.push(end) });
    // Before: send() rejected with a TypeError, the session stayed ready with the question unanswered
    // and no error, and onSettled said `complete`.
    await target.send('Hi', { headers: { 'x-user': 'Zoë 🙂' } });
    const { status, error, messages } = target.getSnapshot();
    expect(status).toBe('error');
    expect(error).toBeInstanceOf(ChatSessionError);
    expect(error).toMatchObject({ code: 'setup', message: expect.stringMatching(/ByteString|header/iu) });
    expect(messages.map((message) => message.role)).toEqual(['user']);
    expect(errors).toEqual([error]);
    expect(settled).toMatchObject([{ outcome: 'error', error }]);
    expect(chat.requests).toHaveLength(0);

    // A retry asks the same again: refused the same way, and nothing is lost or doubled.
    await target.retry();
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'setup' } });
    expect(target.getSnapshot().messages.map((message) => message.role)).toEqual(['user']);
    await target.regenerate();
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(target.getSnapshot().messages.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('a generateId that throws fails the answer the same way', async () => {
    let calls = 0;
    const target = session({
      generateId: () => {
        calls += 1;
        if (calls === 2) throw new Error('id service down');
        return `id-${calls}`;
      },
    });
    await target.send('Hi');
    expect(target.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'setup', message: 'id service down' },
      messages: [{ id: 'id-1', role: 'user' }],
    });
  });

  it('session headers no request can carry fail the send, not the page that creates the session', async () => {
    // Thrown at creation, they took down a React tree that creates its session while rendering.
    const target = session({ headers: { 'x-user': 'Zoë 🙂' } });
    await target.send('Hi');
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'setup' } });
  });
});

/** What onUsage hears for the request that completed `answer`. */
const exactly = (answer: ChatMessage | undefined) => ({
  answerId: answer!.id,
  messageId: answer!.message!.id,
  readOn: false,
  outcome: 'complete',
  usage: answer!.message!.usage,
  outputTokens: answer!.message!.usage.output_tokens,
  outputTokensExact: true,
});

describe('ChatSession: onUsage', () => {
  it('hears each API request of a tool loop once, with its usage, and none for an attempt retried before any answer', async () => {
    const used: ChatUsage[] = [];
    const target = createChatSession({
      api: API,
      throttle: false,
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      tools: { get_weather: { inputSchema: { type: 'object' }, execute: () => 'sunny' } },
      onUsage: (entry) => used.push(entry),
    });
    await target.send('Weather? [scenario:toolUse]');
    const [, first, , last] = target.getSnapshot().messages;
    expect(used).toEqual([exactly(first), exactly(last)]);
    expect(first!.message!.usage).toEqual(scenarios.toolUse.expectedMessage.usage);

    // Two 529s, then the answer: three HTTP attempts, one request the API answered.
    used.length = 0;
    await target.send('Again [scenario:flakyThenOk]');
    expect(used).toEqual([exactly(target.getSnapshot().messages.at(-1))]);
  });

  it('hears a stopped request with what it used so far, then the Continue as a request of its own', async () => {
    const used: ChatUsage[] = [];
    const target = session({ onUsage: (entry) => used.push(entry) });
    chat.use(withFaults(scenarios.basic, stall(10_000, 4)));
    const sending = target.send('Hello');
    // Stopped once text came after the start's usage: its tokens are an estimate on top.
    await until(target, ({ messages }) => {
      const last = messages.at(-1);
      return last?.role === 'assistant' && ((last.content[0]?.['text'] as string | undefined) ?? '') !== '';
    });
    await target.stop();
    await sending;
    expect(used).toHaveLength(1);
    const [stopped] = used;
    const answer = target.getSnapshot().messages.at(-1)!;
    expect(stopped).toMatchObject({ answerId: answer.id, outcome: 'aborted', outputTokensExact: false });
    expect(stopped!.usage.input_tokens).toBe(scenarios.basic.expectedMessage.usage.input_tokens);
    expect(stopped!.outputTokens).toBeGreaterThan(stopped!.usage.output_tokens);

    chat.use(scenarios.basic);
    await target.retry();
    expect(used).toHaveLength(2);
    expect(used[1]).toMatchObject({ answerId: answer.id, outcome: 'complete', outputTokensExact: true });
  });

  it('is not called with the plain-text protocol, which carries no usage', async () => {
    const onUsage = vi.fn<(used: ChatUsage) => void>();
    const target = createChatSession({
      throttle: false,
      protocol: 'text',
      onUsage,
      fetch: async () =>
        new Response('data: Hello\n\ndata: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } }),
    });
    await target.send('Hi');
    expect(target.getSnapshot().messages.at(-1)).toMatchObject({ status: 'complete' });
    expect(onUsage).not.toHaveBeenCalled();
  });

  it('is checked as a function when given', () => {
    expect(() => session({ onUsage: 'count' as never })).toThrow(TypeError);
  });
});

describe('ChatSession: Retry after a setup failure', () => {
  it('sends the results of tools that ran, without running them again', async () => {
    let ids = 0;
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({
      tools: { get_weather: { inputSchema: { type: 'object' }, execute } },
      // The third id is the tool results' message: the request that would carry them fails to be made.
      generateId: () => {
        ids += 1;
        if (ids === 3) throw new Error('id service down');
        return `id-${ids}`;
      },
    });
    await target.send('Weather? [scenario:toolUse]');
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'setup' } });
    expect(execute).toHaveBeenCalledOnce();
    // Before: retry() asked the question again, and the tool ran a second time.
    await target.retry();
    expect(execute).toHaveBeenCalledOnce();
    const { status, messages } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(chat.requests).toHaveLength(2);
  });
});
