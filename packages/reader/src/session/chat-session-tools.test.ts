import vm from 'node:vm';
import {
  createMockResponse,
  faultScenarios,
  type MockScenario,
  scenario,
  scenarios,
} from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatStreamError } from '../errors.ts';
import { readMessageStream } from '../stream/read-message-stream.ts';
import type { ToolUseBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type {
  ChatSessionOptions,
  ChatSessionSnapshot,
  ChatSessionStatus,
  ChatTool,
  ChatTransportRequest,
} from './chat-session-options.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';
import { until } from '../test/session-until.ts';
import { messageStart, toSSE, transcripts } from '../test/transcripts.ts';

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

const WEATHER_INPUT = { location: 'Paris, France', unit: 'celsius' };
const schema = { type: 'object', properties: { location: { type: 'string' } } };

function session(options: ChatSessionOptions = {}): ChatSession {
  return createChatSession({ api: API, throttle: false, retry: false, ...options });
}

function weather(tool: Partial<ChatTool> = {}): Record<string, ChatTool> {
  return { get_weather: { description: 'Current weather', inputSchema: schema, ...tool } };
}

const idle = (snapshot: ChatSessionSnapshot): boolean =>
  snapshot.status === 'ready' || snapshot.status === 'error';
const toolUseOf = (message: ChatMessage | undefined): ToolUseBlock =>
  message?.content.find((block) => block.type === 'tool_use') as ToolUseBlock;
const body = (index: number): { messages: { role: string; content: unknown }[]; tools?: unknown } =>
  chat.requests[index]?.body as never;

/** Asks for the weather, and stops the session while its tool runs. */
async function stopWhileRunning(target: ChatSession): Promise<void> {
  const sending = target.send('Weather in Paris? [scenario:toolUse]');
  await until(
    target,
    ({ messages }) => messages[1]?.toolCalls?.[toolUseOf(messages[1]).id]?.status === 'running',
  );
  await target.stop();
  await sending;
}

describe('ChatSession: client tools', () => {
  it('shows the call running while its tool executes: the turn that asked for it is complete', async () => {
    let finish!: () => void;
    const target = session({
      tools: weather({ execute: () => new Promise((resolve) => (finish = () => resolve(18))) }),
    });
    const sending = target.send('Weather in Paris? [scenario:toolUse]');
    await until(target, ({ messages }) =>
      Object.values(messages[1]?.toolCalls ?? {}).some((call) => call.status === 'running'),
    );
    expect(target.getSnapshot()).toMatchObject({
      status: 'streaming',
      messages: [{}, { status: 'complete' }],
    });
    finish();
    await sending;
    expect(Object.values(target.getSnapshot().messages[1]?.toolCalls ?? {})).toEqual([
      { status: 'done', result: 18 },
    ]);
  });

  it('takes an execute that names the input its schema describes, written as a method using this', async () => {
    const getWeather = {
      inputSchema: schema,
      unit: '°C',
      execute({ location }: { location: string; unit?: string }) {
        return `${location}: 18 ${this.unit}`;
      },
    };
    const typed: ChatTool<{ location: string }> = {
      inputSchema: schema,
      execute: ({ location }) => location,
    };
    const target = session({ tools: { get_weather: getWeather, other: typed } });
    await target.send('Weather in Paris? [scenario:toolUse]');
    expect(Object.values(target.getSnapshot().messages[1]?.toolCalls ?? {})).toEqual([
      { status: 'done', result: 'Paris, France: 18 °C' },
    ]);
  });

  it('runs the weather tool, sends its result in the next request and streams the final answer', async () => {
    const execute = vi.fn<NonNullable<ChatTool['execute']>>(() => Promise.resolve({ temperature: 18 }));
    const target = session({ tools: weather({ execute }) });
    const seen: ChatSessionStatus[] = [];
    target.subscribe(() => {
      const { status } = target.getSnapshot();
      if (seen.at(-1) !== status) seen.push(status);
    });
    await target.send('Weather in Paris? [scenario:toolUse]');

    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(seen).toEqual(['submitted', 'streaming', 'submitted', 'streaming', 'ready']);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const call = toolUseOf(messages[1]);
    expect(execute).toHaveBeenCalledWith(WEATHER_INPUT, {
      signal: expect.any(AbortSignal),
      toolUseId: call.id,
    });
    expect(messages[1]?.toolCalls).toEqual({ [call.id]: { status: 'done', result: { temperature: 18 } } });
    const results = [{ type: 'tool_result', tool_use_id: call.id, content: '{"temperature":18}' }];
    expect(messages[2]?.content).toEqual(results);
    expect(messages[3]?.content).toEqual(scenarios.basic.expectedMessage.content);
    expect(body(0).tools).toEqual([
      { name: 'get_weather', description: 'Current weather', input_schema: schema },
    ]);
    expect(body(1).messages.at(-1)).toEqual({ role: 'user', content: results });
    expect(body(1).messages[1]).toEqual({
      role: 'assistant',
      content: scenarios.toolUse.expectedMessage.content,
    });
  });

  it('a tool result JSON cannot hold goes back as an error result, and the conversation goes on', async () => {
    const target = session({ tools: weather({ execute: () => ({ rows: 12n }) }) });
    await target.send('Weather in Paris? [scenario:toolUse]');
    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(body(1).messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: toolUseOf(messages[1]).id,
          content: expect.stringMatching(/^The tool's result could not be sent as JSON: /),
          is_error: true,
        },
      ],
    });
  });

  it('a tool that returns a Blob fails in its card and in the request, instead of sending {}', async () => {
    const screenshot = new Blob(['png bytes'], { type: 'image/png' });
    const target = session({ tools: weather({ execute: () => screenshot }) });
    await target.send('Weather in Paris? [scenario:toolUse]');
    const { messages } = target.getSnapshot();
    const id = toolUseOf(messages[1]).id;
    const said =
      "The tool's result (a Blob) cannot be sent as JSON: return text, JSON or content blocks (fileToContentBlock makes one of a file).";
    expect(messages[1]?.toolCalls?.[id]).toEqual({ status: 'error', result: said });
    expect(body(1).messages.at(-1)?.content).toEqual([
      { type: 'tool_result', tool_use_id: id, content: said, is_error: true },
    ]);
  });

  it('stops the loop at maxSteps with a max-steps error, keeping the messages', async () => {
    chat.use(scenarios.toolUse); // every answer asks for the tool again
    const onError = vi.fn<(error: ChatStreamError) => void>();
    const target = session({ tools: weather({ execute: () => 'sunny' }), maxSteps: 3, onError });
    await target.send('Weather?');

    const { messages, status, error } = target.getSnapshot();
    expect(chat.requests).toHaveLength(3);
    expect(status).toBe('error');
    expect(error).toBeInstanceOf(ChatSessionError);
    expect(error).toMatchObject({ kind: 'session', code: 'max-steps' });
    expect(onError).toHaveBeenCalledWith(error);
    expect(messages).toHaveLength(7);
    expect(messages.at(-1)?.content).toMatchObject([{ type: 'tool_result', content: 'sunny' }]);
  });

  it('asks for a forced tool on the request that answers the person only, not with the results', async () => {
    const target = session({ tools: weather({ execute: () => 'sunny' }), maxSteps: 3 });
    await target.send('Weather? [scenario:toolUse]', {
      body: { tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true } },
    });
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(chat.requests.map((request) => (request.body as { tool_choice?: unknown }).tool_choice)).toEqual([
      { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      { type: 'auto', disable_parallel_tool_use: true },
    ]);
  });

  it('keeps a forced tool away from a retry that continues an answer after tool results', async () => {
    const target = session({ tools: weather({ execute: () => 'sunny' }) });
    chat.use(scenarios.toolUse);
    let calls = 0;
    target.subscribe(() => {
      // After the tool results went out, the next answer breaks off mid-stream.
      if (target.getSnapshot().status === 'submitted' && ++calls === 2)
        chat.use(scenarios.overloadedMidStream);
    });
    await target.send('Weather?', { body: { tool_choice: { type: 'any' } } });
    expect(target.getSnapshot().status).toBe('error');
    chat.use(scenarios.basic);
    await target.retry();
    expect(chat.requests.map((request) => (request.body as { tool_choice?: unknown }).tool_choice)).toEqual([
      { type: 'any' },
      { type: 'auto' },
      { type: 'auto' },
    ]);
  });

  it('sends is_error results for a throwing tool and for an unknown tool', async () => {
    const target = session({
      tools: weather({
        execute: () => {
          throw new Error('Weather service down');
        },
      }),
    });
    await target.send('[scenario:toolUse]');
    expect(target.getSnapshot().messages[2]?.content).toMatchObject([
      { type: 'tool_result', is_error: true, content: 'Weather service down' },
    ]);
    expect(Object.values(target.getSnapshot().messages[1]?.toolCalls ?? {})).toEqual([
      { status: 'error', result: 'Weather service down' },
    ]);

    const thrownAs = async (thrown: unknown): Promise<unknown> => {
      const thrower = session({
        tools: weather({
          execute: () => {
            throw thrown;
          },
        }),
      });
      await thrower.send('[scenario:toolUse]');
      return (thrower.getSnapshot().messages[2]?.content[0] as { content?: unknown } | undefined)?.content;
    };
    // What some libraries throw: not an Error, but with something to say.
    expect(await thrownAs({ code: 42, reason: 'quota' })).toBe('{"code":42,"reason":"quota"}');
    expect(await thrownAs(vm.runInNewContext('new Error("quota exceeded")'))).toBe('quota exceeded');
    expect(await thrownAs(new Response('nope', { status: 503 }))).toBe('[object Response]');
    expect(await thrownAs('plain text')).toBe('plain text');
    // The API refuses an error result without content: an error with no message says its name.
    expect(await thrownAs(new Error())).toBe('Error');
    expect(await thrownAs(new DOMException('', 'AbortError'))).toBe('AbortError');
    expect(await thrownAs('')).toBe('The tool failed without saying why.');

    const unknown = session({ tools: { other: { inputSchema: schema } } });
    await unknown.send('[scenario:toolUse]');
    expect(unknown.getSnapshot().messages[2]?.content).toMatchObject([
      { type: 'tool_result', is_error: true, content: 'Unknown tool "get_weather"' },
    ]);
  });

  it('runs the calls of one turn in parallel and continues once all have results', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tool = (name: string): ChatTool => ({
      inputSchema: schema,
      execute: async () => {
        started.push(name);
        await gate;
        return `${name} ok`;
      },
    });
    const target = session({
      tools: { get_weather: tool('weather'), get_time: tool('time'), get_forecast: tool('forecast') },
    });
    const sending = target.send('[scenario:multiTool]');
    await vi.waitFor(() => expect(started).toHaveLength(3));
    expect(target.getSnapshot().status).toBe('streaming');
    expect(chat.requests).toHaveLength(1);
    release();
    await sending;
    expect(chat.requests).toHaveLength(2);
    expect(body(1).messages.at(-1)?.content).toMatchObject([
      { content: 'weather ok' },
      { content: 'time ok' },
      { content: 'forecast ok' },
    ]);
  });

  it('never runs a call whose input stopped before its JSON did (fine-grained tool streaming), and says so', async () => {
    const execute = vi.fn<NonNullable<ChatTool['execute']>>(() => 18);
    const cut = [
      messageStart('msg_fine'),
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_f', name: 'get_weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"location": "Par' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 9 },
      },
      { type: 'message_stop' },
    ];
    const bodies: { messages: { role: string; content: unknown }[] }[] = [];
    const fetch = async (_url: unknown, init: RequestInit = {}) => {
      bodies.push(JSON.parse(init.body as string));
      const answer = bodies.length === 1 ? toSSE(cut) : toSSE(transcripts['text']!);
      return new Response(answer, { headers: { 'content-type': 'text/event-stream' } });
    };
    const target = createChatSession({ fetch, throttle: false, retry: false, tools: weather({ execute }) });
    await target.send('Weather in Paris?');
    const answer = target.getSnapshot().messages[1];
    expect(answer?.blocks?.[0]).toMatchObject({ inputComplete: false });
    expect(answer?.toolCalls).toEqual({
      toolu_f: { status: 'error', result: 'Not run: its input was cut off before it was complete' },
    });
    expect(execute).not.toHaveBeenCalled();
    // The model hears why, once, and answers.
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_f',
          content: 'Not run: its input was cut off before it was complete',
          is_error: true,
        },
      ],
    });
  });

  it('stop() aborts running tool executions', async () => {
    let signal: AbortSignal | undefined;
    const target = session({
      tools: weather({
        execute: (_input, context) => {
          signal = context.signal;
          return new Promise(() => undefined); // never settles: stop must not wait for it
        },
      }),
    });
    const sending = target.send('[scenario:toolUse]');
    await vi.waitFor(() => expect(signal).toBeDefined());
    await target.stop();
    await sending;
    expect(signal?.aborted).toBe(true);
    const { status, messages } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(Object.values(messages[1]?.toolCalls ?? {})).toEqual([
      { status: 'stopped', result: 'Tool call aborted' },
    ]);
    expect(chat.requests).toHaveLength(1);
  });

  it('retry() after a stop runs the stopped call again and goes on', async () => {
    let runs = 0;
    const target = session({
      tools: weather({
        execute: (_input, { signal }) =>
          (runs += 1) === 1
            ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
            : { temperature: 18 },
      }),
    });
    await stopWhileRunning(target);
    const call = toolUseOf(target.getSnapshot().messages[1]);
    await target.retry();
    const { status, messages } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(runs).toBe(2);
    expect(messages[1]?.toolCalls?.[call.id]).toEqual({ status: 'done', result: { temperature: 18 } });
    // The answer is not asked again: the result goes out and Claude answers from it.
    expect(chat.requests).toHaveLength(2);
    expect(body(1).messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: '{"temperature":18}' }],
    });
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', status: 'complete' });
  });

  it('tells the model about a call the user stopped, with the next message', async () => {
    const target = session({ tools: weather({ execute: () => new Promise(() => undefined) }) });
    await stopWhileRunning(target);
    const call = toolUseOf(target.getSnapshot().messages[1]);
    await target.send('Never mind [scenario:basic]');
    // The fake API refuses a conversation the real one would (a call without its result).
    expect(target.getSnapshot().status).toBe('ready');
    expect(body(1).messages.slice(1)).toEqual([
      { role: 'assistant', content: [expect.objectContaining({ type: 'text' }), call] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: call.id, content: 'Tool call aborted', is_error: true },
          { type: 'text', text: 'Never mind [scenario:basic]' },
        ],
      },
    ]);
  });
});

describe('ChatSession: tools that end the answer (endsTurn)', () => {
  it('runs the tool and stops there; its result goes with the next message', async () => {
    const target = session({ tools: weather({ endsTurn: true, execute: () => 'Shown to the user.' }) });
    await target.send('Plan my day [scenario:toolUse]');
    const { messages, status } = target.getSnapshot();
    const call = toolUseOf(messages[1]);
    expect(status).toBe('ready');
    expect(messages[1]?.toolCalls?.[call.id]).toEqual({ status: 'done', result: 'Shown to the user.' });
    // No second request: nobody needs Claude to say anything about the card.
    expect(chat.requests).toHaveLength(1);
    await target.send('Thanks [scenario:basic]');
    expect(body(1).messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: call.id, content: 'Shown to the user.' },
        { type: 'text', text: 'Thanks [scenario:basic]' },
      ],
    });
  });

  it('waits for a result the page gives (addToolResult), then stops there too', async () => {
    const target = session({ tools: weather({ endsTurn: true }) });
    await target.send('Pick a colour [scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    target.addToolResult(call.id, { colour: 'teal' });
    await until(target, idle);
    expect(target.getSnapshot().messages[1]?.toolCalls?.[call.id]).toEqual({
      status: 'done',
      result: { colour: 'teal' },
    });
    expect(chat.requests).toHaveLength(1);
  });
});

describe('ChatSession: human in the loop', () => {
  it('waits for addToolResult, then continues', async () => {
    const target = session({ tools: weather() });
    await target.send('[scenario:toolUse]');
    const { messages, status } = target.getSnapshot();
    const call = toolUseOf(messages[1]);
    expect(status).toBe('ready');
    expect(messages[1]?.toolCalls?.[call.id]).toEqual({ status: 'awaiting-result' });
    expect(chat.requests).toHaveLength(1);

    target.addToolResult(call.id, 'Rainy, 12 °C');
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(target.getSnapshot().messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: call.id, content: 'Rainy, 12 °C' },
    ]);
    expect(chat.requests).toHaveLength(2);
    expect(() => target.addToolResult(call.id, 'again')).toThrow(ChatSessionError);
  });

  it('addToolResult with isError sends an error result', async () => {
    const target = session({ tools: weather() });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    target.addToolResult(call.id, 'No location access', { isError: true });
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(body(1).messages.at(-1)?.content).toEqual([
      { type: 'tool_result', tool_use_id: call.id, content: 'No location access', is_error: true },
    ]);
  });

  it('approval: approving runs the tool, then the conversation continues', async () => {
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({ tools: weather({ execute, needsApproval: true }) });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    expect(target.getSnapshot().messages[1]?.toolCalls?.[call.id]).toEqual({ status: 'awaiting-approval' });
    expect(execute).not.toHaveBeenCalled();

    target.approveToolCall(call.id, true);
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(execute).toHaveBeenCalledOnce();
    expect(body(1).messages.at(-1)?.content).toEqual([
      { type: 'tool_result', tool_use_id: call.id, content: 'sunny' },
    ]);
  });

  it('approval asked for by input: the calls it returns true for wait, the others run', async () => {
    const execute = vi.fn<() => string>(() => 'sunny');
    const needsApproval = vi.fn<(input: { location: string }) => boolean>(
      ({ location }: { location: string }) => location !== 'Paris, France',
    );
    const target = session({ tools: weather({ execute, needsApproval }) });
    await target.send('[scenario:toolUse]');
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(needsApproval).toHaveBeenCalledWith(WEATHER_INPUT);
    expect(execute).toHaveBeenCalledOnce();

    const asking = session({ tools: weather({ execute, needsApproval: () => true }) });
    await asking.send('[scenario:toolUse]');
    const call = toolUseOf(asking.getSnapshot().messages[1]);
    expect(asking.getSnapshot().messages[1]?.toolCalls?.[call.id]).toEqual({ status: 'awaiting-approval' });

    // One that answers later by mistake (async) is reported, and the call waits: it never runs unasked.
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    // (Not an async function, which the session refuses where it is given: one returning a promise.)
    const later = session({
      tools: weather({ execute, needsApproval: (() => Promise.resolve(false)) as never }),
    });
    await later.send('[scenario:toolUse]');
    const laterCall = toolUseOf(later.getSnapshot().messages[1]);
    expect(later.getSnapshot().messages[1]?.toolCalls?.[laterCall.id]).toEqual({
      status: 'awaiting-approval',
    });
    expect(String(reported[0])).toContain('needsApproval must answer at once');
    vi.unstubAllGlobals();
  });

  it('runs a tool Anthropic defines in the client, sent as its type and definition', async () => {
    const edit = scenario('edit')
      .toolUse('str_replace_based_edit_tool', { command: 'view', path: '/src/app.ts' })
      .stop('tool_use');
    const answers = [edit, scenarios.basic];
    const sent: { tools?: unknown; messages: { content: unknown }[] }[] = [];
    const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
      sent.push(JSON.parse(init?.body as string));
      return createMockResponse(answers[sent.length - 1]!, { timing: 'instant' });
    });
    const execute = vi.fn<(input: { path: string }) => string>(({ path }) => `1: // ${path}`);
    const target = session({
      fetch,
      tools: {
        str_replace_based_edit_tool: {
          type: 'text_editor_20250728',
          definition: { max_characters: 10_000 },
          needsApproval: ({ command }: { command: string }) => command !== 'view',
          execute,
        },
      },
    });
    await target.send('What is in app.ts?');
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(sent[0]?.tools).toEqual([
      { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10_000 },
    ]);
    expect(execute).toHaveBeenCalledOnce();
    expect(sent[1]?.messages.at(-1)?.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: toolUseOf(target.getSnapshot().messages[1]).id,
        content: '1: // /src/app.ts',
      },
    ]);
    expect(target.getSnapshot().error).toBeUndefined();
  });

  it('approval: the turn a person lets go on keeps the body and headers of their send', async () => {
    const target = session({ tools: weather({ execute: () => 'sunny', needsApproval: true }) });
    await target.send('[scenario:toolUse]', { body: { temperature: 0.1 }, headers: { 'x-trace': 'send-1' } });
    target.approveToolCall(toolUseOf(target.getSnapshot().messages[1]).id, true);
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(chat.requests.map((request) => (request.body as { temperature?: unknown }).temperature)).toEqual([
      0.1, 0.1,
    ]);
    expect(chat.requests.map((request) => request.headers['x-trace'])).toEqual(['send-1', 'send-1']);
  });

  it('stops at maxSteps a loop that code keeps answering, and goes on from there at retry()', async () => {
    chat.use(scenarios.toolUse); // every answer asks for the tool again
    const target = session({ tools: weather(), maxSteps: 2 });
    // An app answering every call by itself, as a policy would.
    target.subscribe(() => {
      const last = target.getSnapshot().messages.at(-1);
      for (const [id, call] of Object.entries(last?.toolCalls ?? {})) {
        if (call.status === 'awaiting-result') queueMicrotask(() => target.addToolResult(id, 'sunny'));
      }
    });
    await target.send('Weather?', { body: { temperature: 0.1 }, headers: { 'x-trace': 'send-1' } });
    await until(target, (snapshot) => snapshot.status === 'error');
    expect(target.getSnapshot().error).toMatchObject({ code: 'max-steps' });
    expect(chat.requests).toHaveLength(2);

    // Continue: the results go with the send's options, and the loop goes on for maxSteps more.
    chat.use(scenarios.basic);
    await target.retry();
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    const sent = chat.requests[2]!;
    expect((sent.body as { temperature?: unknown }).temperature).toBe(0.1);
    expect(sent.headers['x-trace']).toBe('send-1');
    expect(body(2).messages.at(-1)?.content).toMatchObject([{ type: 'tool_result', content: 'sunny' }]);
  });

  it('keeps the body and headers of the send through a trimmed history, not into another conversation', async () => {
    chat.use(scenarios.toolUse);
    const target = session({ tools: weather(), maxSteps: 1 });
    target.subscribe(() => {
      const last = target.getSnapshot().messages.at(-1);
      for (const [id, call] of Object.entries(last?.toolCalls ?? {})) {
        if (call.status === 'awaiting-result')
          queueMicrotask(() => target.addToolResult(id, 'x'.repeat(500)));
      }
    });
    await target.send('Weather?', { body: { temperature: 0.1 }, headers: { 'x-trace': 'send-1' } });
    await until(target, (snapshot) => snapshot.status === 'error');
    // Old tool results shortened to fit the context window, as an agent does, then on from there.
    target.setMessages((messages) =>
      messages.map((message) =>
        message.role === 'user' && message.content[0]?.type === 'tool_result'
          ? { ...message, content: [{ ...message.content[0], content: '[trimmed]' }] }
          : message,
      ),
    );
    chat.use(scenarios.basic);
    await target.retry();
    const sent = chat.requests.at(-1)!;
    expect((sent.body as { temperature?: unknown }).temperature).toBe(0.1);
    expect(sent.headers['x-trace']).toBe('send-1');
    expect(body(chat.requests.length - 1).messages[2]?.content).toMatchObject([{ content: '[trimmed]' }]);

    // Another conversation, though it starts with the same greeting: the send's options were
    // that one's.
    const [first] = target.getSnapshot().messages;
    target.setMessages([first!, { id: 'other', role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    await target.retry();
    const other = chat.requests.at(-1)!;
    expect((other.body as { temperature?: unknown }).temperature).toBeUndefined();
    expect(other.headers['x-trace']).toBeUndefined();
  });

  it('asks a question that failed again with the body and headers of its send', async () => {
    chat.use(faultScenarios.badRequest);
    const target = session();
    await target.send('Hi', { body: { temperature: 0.1 }, headers: { 'x-trace': 'send-1' } });
    expect(target.getSnapshot().status).toBe('error');
    chat.use(scenarios.basic);
    await target.retry();
    expect(target.getSnapshot().status).toBe('ready');
    expect(chat.requests.map((request) => (request.body as { temperature?: unknown }).temperature)).toEqual([
      0.1, 0.1,
    ]);
    expect(chat.requests.map((request) => request.headers['x-trace'])).toEqual(['send-1', 'send-1']);
  });

  it('runs a long tool loop without a listener left on the stop signal at each step', async () => {
    chat.use(scenarios.toolUse);
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const target = session({ tools: weather({ execute: () => 'sunny' }), maxSteps: 15 });
      await target.send('Weather, again and again?');
      await until(target, (snapshot) => snapshot.status === 'error');
      expect(target.getSnapshot().error).toMatchObject({ code: 'max-steps' });
      expect(chat.requests).toHaveLength(15);
      // Node reports a listener leak on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('approval: denying sends an is_error result saying the user denied it', async () => {
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({ tools: weather({ execute, needsApproval: true }) });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    target.approveToolCall(call.id, false);
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(execute).not.toHaveBeenCalled();
    expect(target.getSnapshot().messages[1]?.toolCalls?.[call.id]?.status).toBe('denied');
    const [result] = (body(1).messages.at(-1)?.content ?? []) as { content: string; is_error: boolean }[];
    expect(result).toMatchObject({ is_error: true });
    expect(result?.content).toMatch(/denied by the user/);
    expect(() => target.approveToolCall('toolu_nope', true)).toThrow(
      expect.objectContaining({ code: 'unknown-tool-call' }),
    );
  });
});

describe('ChatSession: moving on while a call waits', () => {
  it('a call waiting for approval ends denied when the user writes something else, and the model is told', async () => {
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({ tools: weather({ execute, needsApproval: true }) });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    await target.send('Never mind [scenario:basic]');
    const { messages, status } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages[1]?.toolCalls?.[call.id]).toEqual({
      status: 'denied',
      result: 'Tool call denied by the user.',
    });
    expect(body(1).messages.at(-1)?.content).toEqual([
      { type: 'tool_result', tool_use_id: call.id, content: 'Tool call denied by the user.', is_error: true },
      { type: 'text', text: 'Never mind [scenario:basic]' },
    ]);
    // Too late to approve: it was answered.
    expect(() => target.approveToolCall(call.id, true)).toThrow(ChatSessionError);
    expect(execute).not.toHaveBeenCalled();
  });

  it('an empty message changes nothing: the call still waits, and approving it still works', async () => {
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({ tools: weather({ execute, needsApproval: true }) });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    await expect(target.send('  ')).rejects.toMatchObject({ code: 'empty-message' });
    target.approveToolCall(call.id, true);
    await until(target, (snapshot) => idle(snapshot) && snapshot.messages.length === 4);
    expect(execute).toHaveBeenCalledOnce();
  });

  it('a call waiting for its result ends without one when the user writes something else', async () => {
    const target = session({ tools: weather() });
    await target.send('[scenario:toolUse]');
    const call = toolUseOf(target.getSnapshot().messages[1]);
    await target.send('Skip that [scenario:basic]');
    expect(target.getSnapshot().messages[1]?.toolCalls?.[call.id]).toEqual({
      status: 'error',
      result: 'No result: the user sent a new message instead.',
    });
    expect((body(1).messages.at(-1)?.content as unknown[] | undefined)?.[0]).toEqual({
      type: 'tool_result',
      tool_use_id: call.id,
      content: 'No result: the user sent a new message instead.',
      is_error: true,
    });
  });
});

describe('ChatSession: pause_turn and custom transports', () => {
  it('continues a paused turn by sending it back as is, merging the continuation into the same message', async () => {
    const rest: MockScenario = scenario('rest').text('Lagos has about 17 million people.').stop('end_turn');
    const served = [scenarios.pauseTurn, rest];
    const requests: ChatTransportRequest[] = [];
    const target = session({
      transport: (request) => {
        requests.push(request);
        return readMessageStream(createMockResponse(served[requests.length - 1]!, { timing: 'instant' }));
      },
    });
    await target.send('Population of Lagos?');

    expect(requests).toHaveLength(2);
    expect(requests[1]?.body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Population of Lagos?' }] },
      { role: 'assistant', content: scenarios.pauseTurn.expectedMessage.content },
    ]);
    const { messages } = target.getSnapshot();
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ status: 'complete', stopReason: 'end_turn' });
    expect(messages[1]?.content).toEqual([
      ...scenarios.pauseTurn.expectedMessage.content,
      ...rest.expectedMessage.content,
    ]);
    expect(messages[1]?.blocks).toHaveLength(messages[1]?.content.length ?? 0);
  });

  it('counts pause_turn continuations against maxSteps, and goes on with the paused turn at retry()', async () => {
    const sent: ChatTransportRequest[] = [];
    const target = session({
      maxSteps: 2,
      transport: (request) => {
        sent.push(request);
        return readMessageStream(createMockResponse(scenarios.pauseTurn, { timing: 'instant' }));
      },
    });
    await target.send('Research');
    expect(target.getSnapshot().error).toMatchObject({ code: 'max-steps' });
    expect(target.getSnapshot().messages).toHaveLength(2);
    const paused = target.getSnapshot().messages[1]!.content.length;
    await target.retry();
    // The paused turn is sent back to go on, not asked again from the question.
    expect(sent[2]?.body['messages']).toHaveLength(2);
    expect(target.getSnapshot().messages).toHaveLength(2);
    expect(target.getSnapshot().messages[1]!.content.length).toBeGreaterThan(paused);
  });
});
