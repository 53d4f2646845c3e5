import { scenarios } from '@chatstream/mocks';
import { act, render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import { describe, expect, it } from 'vitest';
import { ChatSessionProvider, useChatSession } from './chat-session-context.ts';
import { createChatSession } from '@chatstream/reader';
import { textOf } from './test/chat-app.tsx';
import { createControlledResponses } from './test/controlled-response.ts';
import { useChatSelector } from './use-chat-selector.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

const shallowEqual = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, index) => id === b[index]);

const renders = new Map<string, number>();

const MessageRow = memo(function MessageRow({ index }: { index: number }) {
  const message = useChatSelector((state) => state.messages[index]);
  if (!message) return null;
  renders.set(message.id, (renders.get(message.id) ?? 0) + 1);
  return (
    <li data-status={message.status}>
      {message.role}: {textOf(message)}
    </li>
  );
});

function Transcript(): React.ReactNode {
  const ids = useChatSelector((state) => state.messages.map((message) => message.id), shallowEqual);
  return (
    <ul role="log">
      {ids.map((id, index) => (
        <MessageRow key={id} index={index} />
      ))}
    </ul>
  );
}

function Composer(): React.ReactNode {
  const { send, status } = useStreamingChat({ chat: useChatSession() });
  return (
    <>
      <p role="status">{status}</p>
      <button type="button" onClick={() => void send('Hello')}>
        Send
      </button>
    </>
  );
}

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());

function Orphan(): null {
  useChatSelector((state) => state.status);
  return null;
}

describe('useChatSelector', () => {
  it('re-renders a settled row zero times while another message streams', async () => {
    renders.clear();
    const responses = createControlledResponses(scenarios.basic, scenarios.longAnswer);
    render(
      <ChatSessionProvider fetch={responses.fetch}>
        <Transcript />
        <Composer />
      </ChatSessionProvider>,
    );
    click('Send');
    await act(() => responses.push());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    const settled = [...renders.keys()];
    expect(settled).toHaveLength(2);
    const before = new Map(renders);

    click('Send');
    const streamedRenders = (): number => {
      const latest = [...renders.keys()].at(-1);
      return latest === undefined || settled.length + 2 > renders.size ? 0 : (renders.get(latest) ?? 0);
    };
    // Release the long answer a few events at a time; each part shows up at the next frame.
    for (let pushes = 0, seen = 0; pushes < 8; pushes += 1) {
      await act(() => responses.push(5));
      await waitFor(() => expect(streamedRenders()).toBeGreaterThan(seen));
      seen = streamedRenders();
    }
    await act(() => responses.push());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));

    for (const id of settled) expect(renders.get(id)).toBe(before.get(id));
    expect(streamedRenders()).toBeGreaterThan(8);
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('compares selections with isEqual and keeps the previous value when equal', () => {
    const chat = createChatSession();
    const seen: unknown[] = [];
    function Count(): null {
      seen.push(
        useChatSelector(
          (state) => ({ count: state.messages.length }),
          (a, b) => a.count === b.count,
          chat,
        ),
      );
      return null;
    }
    render(<Count />);
    act(() => chat.setMessages([]));
    expect(seen).toHaveLength(1);
  });

  it('needs a provider or a chat', () => {
    expect(() => render(<Orphan />)).toThrow(/ChatSessionProvider/);
  });
});
