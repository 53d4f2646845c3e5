import { faultScenarios, type MockScenario, scenario, scenarios } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import {
  BufferLimitError,
  TimeoutError,
  type ChatSession,
  type ChatSessionOptions,
} from '@chatstream/reader';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The same expectations as the reader's own catalogue tests.
import { expectedErrorClass } from '../../reader/src/test/expected-error-class.ts';
import { ChatApp, textOf } from './test/chat-app.tsx';
import { createControlledResponses } from './test/controlled-response.ts';
import { manualFrames } from './test/manual-frames.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

type Case = [fault: MockScenario, errorName: string, options: ChatSessionOptions];
const faultCases: Case[] = [
  ...Object.values<MockScenario>(faultScenarios).flatMap((fault): Case[] =>
    fault.expectedError ? [[fault, expectedErrorClass[fault.expectedError.kind].name, {}]] : [],
  ),
  [faultScenarios.stalled, TimeoutError.name, { idleTimeoutMs: 30 }],
  [faultScenarios.oversizedEvent, BufferLimitError.name, { maxBufferSize: 64 * 1024 }],
];

const status = (): string | null => screen.getByRole('status').textContent;

describe('useStreamingChat: every fault of the mocks catalogue', () => {
  for (const [fault, errorName, options] of faultCases) {
    it(`${fault.name}: shows the typed error and keeps the partial answer`, async () => {
      server.use(fault);
      let chat: ChatSession | undefined;
      render(<ChatApp retry={false} {...options} onCommit={(session) => (chat = session as ChatSession)} />);
      act(() => screen.getByRole('button', { name: 'Send' }).click());
      await waitFor(() => expect(status()).toBe('error'));

      expect(screen.getByRole('alert').textContent).toBe(errorName);
      const partial = chat?.getSnapshot().error?.partial;
      // Exactly what arrived before the failure stays on screen (nothing when it failed before any content).
      const kept = partial?.message.content.length
        ? textOf({ id: '', role: 'assistant', content: partial.message.content })
        : undefined;
      expect(fault.expectedText.startsWith(kept ?? '')).toBe(true);
      const rows = screen.getAllByRole('listitem');
      expect(rows.map((row) => row.textContent)).toEqual(
        kept === undefined ? ['user: Hello'] : ['user: Hello', `assistant: ${kept}`],
      );
      expect(rows[1]?.getAttribute('data-status')).toBe(
        kept === undefined ? undefined : errorName === 'IncompleteStreamError' ? 'incomplete' : 'error',
      );
    });
  }
});

describe('useStreamingChat: multi-step flows', () => {
  const cut = scenario('cut').text('The press made books ').error('overloaded_error', 'Overloaded');
  const rest = scenario('rest').text(' cheaper and faster.').stop('end_turn');

  it('retry continues the partial answer in the same message', async () => {
    server.use(cut);
    const { result } = renderHook(() => useStreamingChat({ retry: false }));
    await act(() => result.current.send('Tell me about the press'));
    expect(result.current.status).toBe('error');
    const failed = result.current.messages[1];
    expect(failed?.status).toBe('error');

    server.use(rest);
    await act(() => result.current.retry());
    expect(result.current.status).toBe('ready');
    expect(result.current.error).toBeUndefined();
    expect(result.current.messages).toHaveLength(2);
    expect(result.current.messages[1]?.id).toBe(failed?.id);
    expect(textOf(result.current.messages[1] as never)).toBe('The press made books cheaper and faster.');
    const continued = server.requests[1]?.body as { messages: unknown[] };
    expect(continued.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'The press made books' }],
    });
  });

  it('regenerate keeps the earlier answer as a version, and showVersion brings it back', async () => {
    server.use(scenario('first').text('First answer.').stop('end_turn'));
    const { result } = renderHook(() => useStreamingChat({ retry: false }));
    await act(() => result.current.send('Hello'));
    const first = result.current.messages[1];

    server.use(scenario('second').text('Second answer.').stop('end_turn'));
    await act(() => result.current.regenerate());
    const second = result.current.messages[1]!;
    expect(result.current.versions).toEqual({ [second.id]: { index: 1, count: 2 } });

    act(() => result.current.showVersion(second.id, 0));
    expect(result.current.messages[1]).toBe(first);
    expect(result.current.versions).toEqual({ [first!.id]: { index: 0, count: 2 } });
  });

  it('runs the tool loop and stops it at maxSteps with a typed error, keeping every message', async () => {
    server.use(scenarios.toolUse); // every answer asks for the tool again
    const tools = {
      get_weather: { description: 'Weather', inputSchema: { type: 'object' }, execute: () => 'sunny' },
    };
    const { result } = renderHook(() => useStreamingChat({ tools, maxSteps: 2 }));
    await act(() => result.current.send('Weather?'));

    expect(server.requests).toHaveLength(2);
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({ name: 'ChatSessionError', code: 'max-steps' });
    expect(result.current.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(result.current.messages.at(-1)?.content).toMatchObject([
      { type: 'tool_result', content: 'sunny' },
    ]);
  });
});

/** One chat that sends `[scenario:<name>]`, so the mocks answer it with that scenario. */
function Chat({ name }: { name: string }): ReactNode {
  const chat = useStreamingChat();
  const { messages, send } = chat;
  return (
    <section aria-label={name}>
      <p data-testid={`${name}-status`}>{chat.status}</p>
      <p data-testid={`${name}-answer`}>{messages[1] ? textOf(messages[1]) : ''}</p>
      <button type="button" onClick={() => void send(`[scenario:${name}]`)}>
        {`Send ${name}`}
      </button>
    </section>
  );
}

describe('useStreamingChat: many sessions and render cost', () => {
  it('ten components stream at once, each into its own session', async () => {
    const names = Object.keys(scenarios).slice(0, 10);
    expect(names).toHaveLength(10);
    render(
      <>
        {names.map((name) => (
          <Chat key={name} name={name} />
        ))}
      </>,
    );
    act(() => {
      for (const name of names) screen.getByRole('button', { name: `Send ${name}` }).click();
    });
    await waitFor(() => expect(server.requests).toHaveLength(10));
    for (const name of names) {
      await waitFor(() => expect(screen.getByTestId(`${name}-status`).textContent).toBe('ready'));
      const { content } = (scenarios as Record<string, MockScenario>)[name]?.expectedMessage ?? {};
      const expected = textOf({ id: '', role: 'assistant', content: content ?? [] });
      expect(screen.getByTestId(`${name}-answer`).textContent).toBe(expected);
    }
  });

  it('commits at most once per animation frame while a long answer streams', async () => {
    const frames = manualFrames();
    const responses = createControlledResponses(scenarios.longAnswer);
    let commits = 0;
    render(
      <Profiler id="chat" onRender={() => void (commits += 1)}>
        <ChatApp fetch={responses.fetch} throttle={frames.throttle} />
      </Profiler>,
    );
    act(() => screen.getByRole('button', { name: 'Send' }).click());
    const events = scenarios.longAnswer.events.length;
    let framesRun = 0;
    const before = commits;
    // Ten events between frames, as a fast network delivers them: one commit per frame at most.
    for (let sent = 0; sent < events - 10; sent += 10) {
      await act(() => responses.push(10));
      await waitFor(() => expect(frames.pending()).toBe(1));
      framesRun += frames.runFrame();
    }
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('ready'));
    expect(screen.getAllByRole('listitem')[1]?.textContent).toBe(
      `assistant: ${scenarios.longAnswer.expectedText}`,
    );
    // One commit per frame, plus the terminal flush; never one per token.
    expect(commits - before).toBeLessThanOrEqual(framesRun + 1);
    expect(commits - before).toBeLessThan(events / 5);
  });
});
