import { sessionsOnMocks } from '../test/session-on-mocks.ts';
import { scenarios, stall, withFaults } from '@chatstream/mocks';
import { describe, expect, it, vi } from 'vitest';
import { persistChat } from './persist-chat.ts';
import { restoreChat } from './restore-chat.ts';
import { until } from '../test/session-until.ts';

// Found by a model-based fuzz of the session: a listener that acts on what it hears, at the moment
// it hears it, as a page's effects do.
const { chat, session } = sessionsOnMocks();

/** The text of the question each request asked. */
const userTexts = (): string[] =>
  chat.requests.map((request) => {
    const { content } = (request.body as { messages: { content: { text?: string }[] }[] }).messages.at(-1)!;
    return content.map((block) => block.text).join('');
  });

describe('ChatSession: a listener that acts on what it hears', () => {
  it('runs an approved tool even when a listener sends as soon as it hears the approval', async () => {
    const execute = vi.fn<() => string>(() => 'Sunny');
    const target = session({
      tools: { get_weather: { inputSchema: { type: 'object' }, needsApproval: true, execute } },
    });
    await target.send('Weather? [scenario:toolUse]');
    const [id] = Object.keys(target.getSnapshot().messages[1]?.toolCalls ?? {});
    const sends: Promise<void>[] = [];
    target.subscribe(() => {
      if (target.getSnapshot().status === 'ready' && sends.length === 0) {
        sends.push(target.send('And tomorrow?').catch(() => undefined));
      }
    });
    target.approveToolCall(id!, true);
    await until(target, ({ status, messages }) => status === 'ready' && messages.length >= 4);
    await Promise.all(sends);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(target.getSnapshot().messages[1]?.toolCalls?.[id!]).toEqual({ status: 'done', result: 'Sunny' });
    expect(target.getSnapshot().messages[2]?.content).toMatchObject([
      { type: 'tool_result', content: 'Sunny' },
    ]);
  });

  it('sends what was asked for right after a stop before what a listener asks for as the stop ends', async () => {
    chat.use(withFaults(scenarios.longAnswer, stall(600_000, 6)));
    const settled: string[] = [];
    const target = session({
      onSettled: ({ outcome }) => settled.push(`${outcome} ${target.getSnapshot().status}`),
    });
    void target.send('Tell me a long story');
    await until(target, ({ status }) => status === 'streaming');
    chat.use(scenarios.basic);
    let barged: Promise<unknown> | undefined;
    target.subscribe(() => {
      if (target.getSnapshot().status === 'ready')
        barged ??= target.send('B').catch((error: unknown) => error);
    });
    void target.stop();
    await target.send('A');
    expect(userTexts()).toEqual(['Tell me a long story', 'A']);
    expect(await barged).toMatchObject({ code: 'busy' });
    // Heard of while the session was still ready: a send from onSettled would have gone.
    expect(settled[0]).toBe('aborted ready');
  });

  it('keeps a stop at maxSteps after a paused turn through a save and a reload', async () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    };
    const target = session({ maxSteps: 1 });
    const stopSaving = persistChat(target, 'chat', { storage });
    await target.send('Search the news [scenario:pauseTurn]');
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'max-steps' } });
    stopSaving();
    const restored = session(restoreChat('chat', { storage }));
    expect(restored.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'max-steps' } });
  });

  it("takes a tool's result given from onFinish before a message queued while it streamed", async () => {
    const target = session({
      queue: true,
      tools: { get_weather: { inputSchema: { type: 'object' } } },
      onFinish: (message) => {
        const call = message.content.find((block) => block.type === 'tool_use');
        if (call) target.addToolResult(call['id'] as string, 'Sunny');
      },
    });
    const first = target.send('Weather? [scenario:toolUse]');
    const queued = target.send('And tomorrow?');
    await Promise.all([first, queued]);
    await until(target, ({ status }) => status === 'ready');
    expect(userTexts()).toEqual(['Weather? [scenario:toolUse]', '', 'And tomorrow?']);
    expect(target.getSnapshot().messages[2]?.content).toMatchObject([
      { type: 'tool_result', content: 'Sunny' },
    ]);
  });

  it('drops a send that waits for the end of the last answer when stop() comes first (an unmount)', async () => {
    let waiting: Promise<void> | undefined;
    const settled = session({
      onSettled: () => {
        waiting ??= settled.send('Two');
        void settled.stop();
      },
    });
    await settled.send('One');
    await waiting;
    expect(userTexts()).toEqual(['One']);
    expect(settled.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, {}] });
  });

  it('goes on with the run when the conversation is given back as copies while a tool runs', async () => {
    let finish!: (value: string) => void;
    const target = session({
      tools: {
        get_weather: {
          inputSchema: { type: 'object' },
          execute: () => new Promise<string>((resolve) => (finish = resolve)),
        },
      },
    });
    const sending = target.send('Weather? [scenario:toolUse]');
    await until(target, () => finish !== undefined);
    target.setMessages((messages) => messages.map((message) => ({ ...message })));
    // The copy does not read as stopped: the tool still runs, and its result goes on.
    expect(Object.values(target.getSnapshot().messages[1]?.toolCalls ?? {})).toEqual([{ status: 'running' }]);
    finish('Sunny');
    await sending;
    const { status, messages } = target.getSnapshot();
    expect(status).toBe('ready');
    expect(messages[2]?.content).toMatchObject([{ type: 'tool_result', content: 'Sunny' }]);
    expect(messages).toHaveLength(4);
  });
});
