import { scenarios } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatSessionProvider, useChatSession } from './chat-session-context.ts';
import { createChatSession } from '@chatstream/reader';
import { textOf } from './test/chat-app.tsx';
import { useChatSelector } from './use-chat-selector.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

function SendButton(): React.ReactNode {
  const { send } = useStreamingChat({ chat: useChatSession() });
  return (
    <button type="button" onClick={() => void send('Hello')}>
      Send
    </button>
  );
}

function LastMessage(): React.ReactNode {
  const last = useChatSelector((state) => state.messages.at(-1));
  return <p role="status">{last ? `${last.role}: ${textOf(last)}` : 'empty'}</p>;
}

function Orphan(): null {
  useChatSession();
  return null;
}

/** Sends as soon as it is signed in, from an effect: as an app's own code may. */
function SendWhenSignedIn({ token }: { token: string | undefined }): null {
  const chat = useChatSession();
  useEffect(() => {
    if (token) void chat.send('Hello');
  }, [chat, token]);
  return null;
}
function App({ token }: { token?: string }): React.ReactNode {
  return (
    <ChatSessionProvider api="/api/chat" headers={token ? { authorization: `Bearer ${token}` } : {}}>
      <SendWhenSignedIn token={token} />
      <LastMessage />
    </ChatSessionProvider>
  );
}

describe('ChatSessionProvider', () => {
  it('shares one session between the components below it', async () => {
    server.use(scenarios.basic);
    render(
      <ChatSessionProvider api="/api/chat" body={{ model: 'claude-test' }}>
        <SendButton />
        <LastMessage />
      </ChatSessionProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('empty');
    act(() => screen.getByRole('button', { name: 'Send' }).click());
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(`assistant: ${scenarios.basic.expectedText}`),
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ model: 'claude-test' });
  });

  it("gives the session its new options before a child's effect sends with them", async () => {
    server.use(scenarios.basic);
    const view = render(<App />);
    view.rerender(<App token="t0k3n" />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(`assistant: ${scenarios.basic.expectedText}`),
    );
    expect(server.requests.map((request) => request.headers['authorization'])).toEqual(['Bearer t0k3n']);
  });

  it('shares a session it was given and leaves it running when it unmounts', async () => {
    const chat = createChatSession();
    let stops = 0;
    const stop = chat.stop.bind(chat);
    chat.stop = () => ((stops += 1), stop());
    const { unmount } = render(
      <ChatSessionProvider chat={chat}>
        <LastMessage />
      </ChatSessionProvider>,
    );
    act(() => chat.setMessages([{ id: 'm1', role: 'user', content: [{ type: 'text', text: 'Hi' }] }]));
    expect(screen.getByRole('status').textContent).toBe('user: Hi');
    unmount();
    // The unmount stop is deferred by a microtask (StrictMode); let it run if it were scheduled.
    await act(async () => undefined);
    expect(stops).toBe(0);
  });

  it('useChatSession throws outside a provider', () => {
    expect(() => render(<Orphan />)).toThrow(/ChatSessionProvider/);
  });
});
