import { scenarios } from '@chatstream/mocks';
import { createChatSession } from '@chatstream/reader';
import { act, render, screen, waitFor } from '@testing-library/react';
import { memo } from 'react';
import { describe, expect, it } from 'vitest';
import { ChatSessionProvider, useChatSession } from './chat-session-context.ts';
import { textOf } from './test/chat-app.tsx';
import { createControlledResponses } from './test/controlled-response.ts';
import { useChatMessage } from './use-chat-message.ts';
import { useChatMessageIds } from './use-chat-message-ids.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

const renders = new Map<string, number>();
let transcriptRenders = 0;

const MessageRow = memo(function MessageRow({ id }: { id: string }) {
  const message = useChatMessage(id);
  renders.set(id, (renders.get(id) ?? 0) + 1);
  if (!message) return null;
  return (
    <li data-status={message.status}>
      {message.role}: {textOf(message)}
    </li>
  );
});

function Transcript(): React.ReactNode {
  transcriptRenders += 1;
  const ids = useChatMessageIds();
  return (
    <ul role="log">
      {ids.map((id) => (
        <MessageRow key={id} id={id} />
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

function Orphan(): null {
  useChatMessage('a');
  return null;
}

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());

describe('useChatMessage and useChatMessageIds', () => {
  it('re-render a settled row zero times, and the transcript only when a message arrives, while one streams', async () => {
    renders.clear();
    transcriptRenders = 0;
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
    const transcriptBefore = transcriptRenders;

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
    // The user message, then the answer: two id lists, none per streamed event.
    expect(transcriptRenders - transcriptBefore).toBe(2);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[3]?.textContent).toBe(`assistant: ${scenarios.longAnswer.expectedText}`);
  });

  it('follows a message that is replaced, and reads undefined once it is gone', () => {
    const chat = createChatSession({
      initialMessages: [{ id: 'a', role: 'user', content: [{ type: 'text', text: 'first' }] }],
    });
    function Row(): React.ReactNode {
      const message = useChatMessage('a', chat);
      return <p role="status">{message ? textOf(message) : 'gone'}</p>;
    }
    render(<Row />);
    expect(screen.getByRole('status').textContent).toBe('first');
    act(() => chat.setMessages([{ id: 'a', role: 'user', content: [{ type: 'text', text: 'second' }] }]));
    expect(screen.getByRole('status').textContent).toBe('second');
    act(() => chat.clear());
    expect(screen.getByRole('status').textContent).toBe('gone');
  });

  it('reads undefined for no id, and follows the id it is given next', () => {
    const chat = createChatSession({
      initialMessages: [{ id: 'a', role: 'user', content: [{ type: 'text', text: 'first' }] }],
    });
    function Row({ id }: { id: string | undefined }): React.ReactNode {
      const message = useChatMessage(id, chat);
      return <p role="status">{message ? textOf(message) : 'none'}</p>;
    }
    const view = render(<Row id={undefined} />);
    expect(screen.getByRole('status').textContent).toBe('none');
    act(() => chat.setMessages([{ id: 'a', role: 'user', content: [{ type: 'text', text: 'second' }] }]));
    expect(screen.getByRole('status').textContent).toBe('none');
    view.rerender(<Row id="a" />);
    expect(screen.getByRole('status').textContent).toBe('second');
  });

  it('needs a provider or a chat', () => {
    expect(() => render(<Orphan />)).toThrow(/ChatSessionProvider/);
  });
});
