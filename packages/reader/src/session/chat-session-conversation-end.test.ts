import { createMockResponse, faultScenarios, scenarios } from '@chatstream/mocks';
import { describe, expect, it, vi } from 'vitest';
import type { ToolUseBlock } from '../types.ts';
import { until } from '../test/session-until.ts';
import { messageStart, toSSE } from '../test/transcripts.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions, ChatTool } from './chat-session-options.ts';
import { createChatSession } from './chat-session.ts';

/** What one request asked: its messages as role:block-types, and its signal. */
interface Asked {
  messages: string[];
  signal: AbortSignal;
}

/**
 * A session whose requests `answer(call)` answers (from 0); each request's messages and signal are
 * kept. A request left waiting (`answer` returns a promise) is what "submitted" looks like.
 */
function sessionAnswering(
  answer: (call: number) => Response | Promise<Response>,
  options: ChatSessionOptions = {},
) {
  const asked: Asked[] = [];
  const fetch = async (_url: unknown, init: RequestInit = {}): Promise<Response> => {
    const { messages } = JSON.parse(init.body as string) as {
      messages: { role: string; content: { type: string }[] }[];
    };
    asked.push({
      messages: messages.map(
        ({ role, content }) => `${role}:${content.map((block) => block.type).join('+')}`,
      ),
      signal: init.signal!,
    });
    return answer(asked.length - 1);
  };
  return { asked, session: createChatSession({ fetch, throttle: false, retry: false, ...options }) };
}

const instant = (scenario: (typeof scenarios)[keyof typeof scenarios]) =>
  createMockResponse(scenario, { timing: 'instant' });
/** A response that comes only when the request is stopped (then as a failure, as fetch does). */
const never = (signal: () => AbortSignal) =>
  new Promise<Response>((_resolve, reject) =>
    signal().addEventListener('abort', () => reject(signal().reason)),
  );

const savedConversation: ChatMessage[] = [
  { id: 'b1', role: 'user', content: [{ type: 'text', text: 'Conversation B' }] },
  {
    id: 'b2',
    role: 'assistant',
    status: 'error',
    content: [{ type: 'text', text: 'Half an answer' }],
    error: { name: 'ConnectionError', kind: 'connection', message: 'Network connection was lost' } as never,
  },
];

const weatherTool = (tool: Partial<ChatTool>): Record<string, ChatTool> => ({
  get_weather: { inputSchema: { type: 'object' }, ...tool },
});
const callOf = (message: ChatMessage | undefined, nth = 0) =>
  (message?.content.filter((block) => block.type === 'tool_use')[nth] as ToolUseBlock | undefined)?.id ?? '';

/** A session whose answer asks for the weather with a call that waits for approval; then the basic answer. */
async function awaitingApproval() {
  const { asked, session } = sessionAnswering(
    (call) => instant(call === 0 ? scenarios.toolUse : scenarios.basic),
    {
      tools: weatherTool({ needsApproval: true, execute: () => '18 °C' }),
    },
  );
  await session.send('Weather in Paris?');
  return { asked, session, id: callOf(session.getSnapshot().messages[1]) };
}

describe('ChatSession: setMessages while a request works on the end of the conversation', () => {
  it('another conversation put in while the question waits for its answer gets no answer, and ends as it was saved', async () => {
    const onSettled = vi.fn<NonNullable<ChatSessionOptions['onSettled']>>();
    const { asked, session } = sessionAnswering(() => never(() => asked[0]!.signal), { onSettled });
    const sending = session.send('Question in conversation A');
    await until(session, ({ status }) => status === 'submitted');
    session.setMessages(savedConversation);
    await sending;
    expect(asked[0]!.signal.aborted).toBe(true);
    expect(session.getSnapshot().messages.map((message) => message.id)).toEqual(['b1', 'b2']);
    // B's failed answer shows again, with its Retry; A's request is not heard of.
    expect(session.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'connection' } });
    expect(onSettled).not.toHaveBeenCalled();
    expect(asked).toHaveLength(1);
  });

  it('a new chat while a tool runs stops the tool, and asks nothing more', async () => {
    let toolSignal: AbortSignal | undefined;
    const { asked, session } = sessionAnswering(
      (call) => instant(call === 0 ? scenarios.toolUse : scenarios.basic),
      {
        tools: weatherTool({
          execute: (_input, { signal }) => {
            toolSignal = signal;
            return new Promise(() => undefined);
          },
        }),
      },
    );
    const sending = session.send('Weather in Paris?');
    await until(session, () => toolSignal !== undefined);
    session.setMessages([]);
    await sending;
    expect(toolSignal?.aborted).toBe(true);
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', messages: [] });
    expect(asked).toHaveLength(1);
    // The next question starts the new conversation: nothing of the old one goes with it.
    await session.send('Hello');
    expect(asked[1]!.messages).toEqual(['user:text']);
  });

  it('a message added after the answer whose tool runs stops the run: the call ends stopped, nothing is sent by itself', async () => {
    const { asked, session } = sessionAnswering(() => instant(scenarios.toolUse), {
      tools: weatherTool({ execute: () => new Promise(() => undefined) }),
    });
    const sending = session.send('Weather in Paris?');
    await until(
      session,
      ({ messages }) => messages[1]?.toolCalls?.[callOf(messages[1])]?.status === 'running',
    );
    session.setMessages((messages) => [
      ...messages,
      { id: 'note', role: 'user', content: [{ type: 'text', text: 'Actually, Lyon.' }] },
    ]);
    await sending;
    const [, answer, note] = session.getSnapshot().messages;
    expect(answer?.toolCalls?.[callOf(answer)]).toEqual({ status: 'stopped', result: 'Tool call aborted' });
    expect(note?.id).toBe('note');
    expect(session.getSnapshot().status).toBe('ready');
    expect(asked).toHaveLength(1);
  });

  it('trimming older messages while the answer streams keeps it streaming', async () => {
    const { session } = sessionAnswering(() => createMockResponse(scenarios.basic, { timing: 'realistic' }));
    await session.send('First');
    const sending = session.send('Second');
    await until(session, ({ status }) => status === 'streaming');
    session.setMessages((messages) => messages.slice(2));
    await sending;
    expect(session.getSnapshot().messages.map((message) => `${message.role}:${message.status}`)).toEqual([
      'user:undefined',
      'assistant:complete',
    ]);
  });

  it('another conversation put in as the end is published (from onFinish) is not heard as this one', async () => {
    const settled: string[][] = [];
    const { session } = sessionAnswering(() => instant(scenarios.basic), {
      onFinish: () => session.setMessages(savedConversation),
      onSettled: ({ messages }) => settled.push(messages.map((message) => message.role)),
    });
    await session.send('Hello');
    expect(settled).toEqual([['user', 'assistant']]);
    expect(session.getSnapshot().messages.map((message) => message.id)).toEqual(['b1', 'b2']);
  });

  it('a message put in after an answer whose call waits for approval ends the call declined, said to the model', async () => {
    const { asked, session, id } = await awaitingApproval();
    session.setMessages((messages) => [
      ...messages,
      { id: 'agent', role: 'assistant', content: [{ type: 'text', text: 'Dana here, I will check.' }] },
    ]);
    expect(session.getSnapshot().messages[1]!.toolCalls![id]).toMatchObject({ status: 'denied' });
    expect(() => session.approveToolCall(id, true)).toThrow('is awaiting-approval');
    await session.send('Thanks');
    // The call goes with its result between the answer and the agent's message.
    expect(asked[1]!.messages).toEqual([
      'user:text',
      'assistant:text+tool_use',
      'user:tool_result',
      'assistant:text',
      'user:text',
    ]);
  });

  it('a result put in for a waiting call answers it (a tool_result of the app’s own)', async () => {
    const { asked, session, id } = await awaitingApproval();
    session.setMessages((messages) => [
      ...messages,
      {
        id: 'result',
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: id, content: '21 °C (from the agent)' }],
      },
    ]);
    expect(session.getSnapshot().messages[1]!.toolCalls![id]).toEqual({
      status: 'done',
      result: '21 °C (from the agent)',
    });
    await session.retry();
    expect(asked[1]!.messages.slice(-1)).toEqual(['user:tool_result']);
  });

  it('offers no regenerating of a message that answers no question (a person’s put in after an answer)', async () => {
    const { asked, session } = sessionAnswering(() => instant(scenarios.basic));
    await session.send('Hello');
    session.setMessages((messages) => [
      ...messages,
      { id: 'agent', role: 'assistant', content: [{ type: 'text', text: 'Dana here.' }] },
    ]);
    await expect(session.regenerate()).rejects.toThrow('No question before it to answer again');
    expect(
      session
        .getSnapshot()
        .messages.map((message) => message.id)
        .at(-1),
    ).toBe('agent');
    expect(asked).toHaveLength(1);
  });

  it('an update that changes nothing publishes nothing', () => {
    const session = createChatSession({ initialMessages: savedConversation, throttle: false });
    const listener = vi.fn<() => void>();
    session.subscribe(listener);
    const before = session.getSnapshot();
    session.setMessages((messages) => messages);
    session.setMessages(before.messages);
    expect(listener).not.toHaveBeenCalled();
    expect(session.getSnapshot()).toBe(before);
  });
});

describe('ChatSession: an approval given while a stop winds down', () => {
  it('runs the tool once, after the stop, with a live signal, and the conversation goes on', async () => {
    const approvedRuns: boolean[] = [];
    const { asked, session } = sessionAnswering(
      (call) => instant(call === 0 ? scenarios.multiTool : scenarios.basic),
      {
        tools: {
          get_weather: { inputSchema: { type: 'object' }, execute: () => new Promise(() => undefined) },
          get_time: {
            inputSchema: { type: 'object' },
            needsApproval: true,
            execute: (_input, { signal }) => {
              approvedRuns.push(signal.aborted);
              return '09:00';
            },
          },
          get_forecast: { inputSchema: { type: 'object' }, execute: () => 'Sunny' },
        },
      },
    );
    void session.send('Weather and time?');
    await until(session, ({ messages }) =>
      Object.values(messages[1]?.toolCalls ?? {}).some((call) => call.status === 'awaiting-approval'),
    );
    const answer = session.getSnapshot().messages[1]!;
    const [weather, time] = answer.content.filter((block) => block.type === 'tool_use') as ToolUseBlock[];
    // The stop is not awaited (a click handler), and the person approves twice before it has wound down.
    void session.stop();
    session.approveToolCall(time!.id, true);
    session.approveToolCall(time!.id, true);
    await until(session, ({ status, messages }) => status === 'ready' && messages.length === 4);
    expect(approvedRuns).toEqual([false]);
    expect(session.getSnapshot().messages[1]!.toolCalls).toMatchObject({
      [weather!.id]: { status: 'stopped' },
      [time!.id]: { status: 'done', result: '09:00' },
    });
    expect(asked.at(-1)?.messages.slice(-1)).toEqual(['user:tool_result+tool_result+tool_result']);
  });
});

describe('ChatSession: what is asked while a stop winds down', () => {
  it('a message sent after an approval wins: it is sent, and the approval ends declined', async () => {
    const { asked, session } = sessionAnswering(
      (call) => instant(call === 0 ? scenarios.multiTool : scenarios.basic),
      {
        tools: {
          get_weather: { inputSchema: { type: 'object' }, execute: () => new Promise(() => undefined) },
          get_time: { inputSchema: { type: 'object' }, needsApproval: true, execute: () => '09:00' },
          get_forecast: { inputSchema: { type: 'object' }, execute: () => 'Sunny' },
        },
      },
    );
    void session.send('Weather and time?');
    await until(session, ({ messages }) =>
      Object.values(messages[1]?.toolCalls ?? {}).some((call) => call.status === 'awaiting-approval'),
    );
    const time = callOf(session.getSnapshot().messages[1], 1);
    void session.stop();
    session.approveToolCall(time, true);
    await session.send('Never mind, just the weather.');
    expect(session.getSnapshot().messages[1]!.toolCalls![time]).toMatchObject({ status: 'denied' });
    expect(asked.at(-1)?.messages.slice(-1)).toEqual(['user:tool_result+tool_result+tool_result+text']);
  });

  it('a retry() asked after an approval runs the approved call with the stopped ones', async () => {
    let weatherCalls = 0;
    const { asked, session } = sessionAnswering(
      (call) => instant(call === 0 ? scenarios.multiTool : scenarios.basic),
      {
        tools: {
          get_weather: {
            inputSchema: { type: 'object' },
            execute: () => (weatherCalls++ === 0 ? new Promise(() => undefined) : '18 °C'),
          },
          get_time: { inputSchema: { type: 'object' }, needsApproval: true, execute: () => '09:00' },
          get_forecast: { inputSchema: { type: 'object' }, execute: () => 'Sunny' },
        },
      },
    );
    void session.send('Weather and time?');
    await until(session, ({ messages }) =>
      Object.values(messages[1]?.toolCalls ?? {}).some((call) => call.status === 'awaiting-approval'),
    );
    const answer = session.getSnapshot().messages[1]!;
    void session.stop();
    session.approveToolCall(callOf(answer, 1), true);
    await session.retry();
    expect(session.getSnapshot().messages[1]!.toolCalls).toMatchObject({
      [callOf(answer, 0)]: { status: 'done', result: '18 °C' },
      [callOf(answer, 1)]: { status: 'done', result: '09:00' },
    });
    expect(asked).toHaveLength(2);
  });
});

describe('ChatSession: a paused turn whose continuation failed', () => {
  it('also when the continuation began (message_start) before it failed', async () => {
    const overloaded = toSSE([
      messageStart('msg_cont'),
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    const { asked, session } = sessionAnswering((call) =>
      call === 1
        ? new Response(overloaded, { headers: { 'content-type': 'text/event-stream' } })
        : instant(call === 0 ? scenarios.pauseTurn : scenarios.basic),
    );
    await session.send('Research this');
    expect(session.getSnapshot().messages[1]).toMatchObject({ status: 'error', stopReason: 'pause_turn' });
    await session.retry();
    expect(asked[2]!.messages.at(-1)).toMatch(/^assistant:.*server_tool_use/);
    expect(session.getSnapshot().messages[1]).toMatchObject({ status: 'complete' });
  });

  it('retry() continues the paused answer as it is (its searches are not run again)', async () => {
    const { asked, session } = sessionAnswering((call) =>
      call === 1
        ? createMockResponse(faultScenarios.serverError)
        : instant(call === 0 ? scenarios.pauseTurn : scenarios.basic),
    );
    await session.send('Research this');
    expect(session.getSnapshot().messages[1]).toMatchObject({ status: 'error', stopReason: 'pause_turn' });
    const paused = session.getSnapshot().messages[1]!.content;
    await session.retry();
    expect(asked).toHaveLength(3);
    expect(asked[2]!.messages).toEqual(asked[1]!.messages);
    expect(asked[2]!.messages.at(-1)).toMatch(/^assistant:.*server_tool_use/);
    const [, answer] = session.getSnapshot().messages;
    expect(answer).toMatchObject({ status: 'complete' });
    expect(answer!.content.slice(0, paused.length)).toEqual(paused);
  });
});
