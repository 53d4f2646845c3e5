import { createMockResponse, scenarios, stall, withFaults } from '@chatstream/mocks';
import { type ChatMessage, createChatSession, type PageSignals, restoreChat } from '@chatstream/reader';
import { setupChatServer } from '@chatstream/mocks/node';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { StrictMode, useEffect } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatSessionProvider, useChatSession } from './chat-session-context.ts';
import { ChatApp } from './test/chat-app.tsx';
import { createControlledResponses } from './test/controlled-response.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

/** A saved conversation of one question. */
const chatOf = (text: string): string =>
  JSON.stringify({ messages: [{ id: text, role: 'user', content: [{ type: 'text', text }] }] });

/** `longAnswer` stopped after a few events: it stays mid-stream until the client leaves. */
const midStream = withFaults(scenarios.longAnswer, stall(600_000, 6));

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());

function SendOnMount(): React.ReactNode {
  const { messages, send } = useStreamingChat();
  useEffect(() => {
    // StrictMode runs this twice; the second send is refused while the first one streams.
    send('Hello').catch(() => undefined);
  }, [send]);
  return <output>{messages.length}</output>;
}

/** An app whose restored answer lost its connection, mounted while the network is down. */
async function renderOffline(page?: PageSignals): Promise<{
  sent: RequestInit[];
  goOnline: () => void;
  unmount: () => void;
}> {
  let online = false;
  const sent: RequestInit[] = [];
  const fetch = async (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    sent.push(init);
    if (!online) throw new TypeError('Failed to fetch');
    return createMockResponse(scenarios.basic, { timing: 'instant' });
  };
  // As saved: a message's error goes through JSON as its name, kind and message.
  const lost = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    {
      id: 'a1',
      role: 'assistant',
      status: 'error',
      streamId: 'stream-7',
      error: { name: 'ConnectionError', kind: 'connection', message: 'The connection was lost' },
      content: [{ type: 'text', text: 'Hel' }],
    },
  ] as ChatMessage[];
  const { unmount } = render(
    <StrictMode>
      <ChatApp fetch={fetch} retry={false} initialMessages={lost} page={page} />
    </StrictMode>,
  );
  // The try on mount finds no network: the answer stays failed, ready to read on later.
  await waitFor(() => expect(sent).toHaveLength(1));
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('error'));
  expect(screen.getByRole('log').textContent).toContain('assistant: Hel');
  return { sent, goOnline: () => (online = true), unmount };
}

/** A storage that answers later, holding `items`: its reads wait until `release()`. */
function gatedStorage(items: Map<string, string>) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const later = {
    getItem: async (key: string) => {
      await gate;
      return items.get(key) ?? null;
    },
    setItem: async (key: string, value: string) => void items.set(key, value),
  };
  return { later, gate, release };
}

describe('useStreamingChat', () => {
  it('goes ready → submitted → streaming → ready, showing the answer', async () => {
    const responses = createControlledResponses(scenarios.basic);
    render(<ChatApp fetch={responses.fetch} />);
    expect(screen.getByRole('status').textContent).toBe('ready');

    click('Send');
    expect(screen.getByRole('status').textContent).toBe('submitted');
    expect(screen.getByRole('log').textContent).toContain('user: Hello');

    await act(() => responses.push(3));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('streaming'));
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('true');

    await act(() => responses.push());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    expect(screen.getByRole('log').textContent).toContain(`assistant: ${scenarios.basic.expectedText}`);
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('false');
  });

  it('ends in error with a typed error and the partial answer', async () => {
    server.use(scenarios.overloadedMidStream);
    render(<ChatApp />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('error'));
    expect(screen.getByRole('alert').textContent).toContain('StreamEventError');
    const [, answer] = screen.getAllByRole('listitem');
    expect(answer?.textContent).toMatch(/^assistant: \S/);
    expect(answer?.getAttribute('data-status')).toBe('error');
  });

  it('stop aborts the request mid-stream and keeps the partial answer', async () => {
    server.use(midStream);
    render(<ChatApp />);
    click('Send');
    await waitFor(() => expect(screen.getAllByRole('listitem')[1]?.textContent).toMatch(/^assistant: \S/));
    expect(screen.getByRole('status').textContent).toBe('streaming');
    const partial = screen.getAllByRole('listitem')[1]?.textContent ?? '';

    click('Stop');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(screen.getAllByRole('listitem')[1]?.textContent).toContain(partial);
    expect(screen.getAllByRole('listitem')[1]?.getAttribute('data-status')).toBe('aborted');
  });

  it('aborts the request when the component unmounts mid-stream', async () => {
    server.use(midStream);
    const { unmount } = render(<ChatApp />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('streaming'));
    unmount();
    await server.settled();
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('sends exactly one request under StrictMode and keeps its session', async () => {
    server.use(scenarios.basic);
    const sessions = new Set<unknown>();
    render(
      <StrictMode>
        <ChatApp onCommit={(chat) => sessions.add(chat)} />
      </StrictMode>,
    );
    click('Send');
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain(scenarios.basic.expectedText));
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: false, completed: true });
    expect(screen.getByRole('status').textContent).toBe('ready');
    // StrictMode may build a throwaway session in its double render, but every commit used the same one.
    expect(sessions.size).toBe(1);
  });

  it('reconnects once, under StrictMode, to an answer restored mid-stream, and reads it to its end', async () => {
    const sent: RequestInit[] = [];
    const fetch = async (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      sent.push(init);
      // The relay replays the answer from its first event and goes on live.
      return createMockResponse(scenarios.basic, { timing: 'instant' });
    };
    const restored: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'streaming',
        streamId: 'stream-7',
        content: [{ type: 'text', text: 'Hel' }],
      },
    ];
    render(
      <StrictMode>
        <ChatApp fetch={fetch} initialMessages={restored} />
      </StrictMode>,
    );
    await waitFor(() =>
      expect(screen.getByRole('log').textContent).toContain(`assistant: ${scenarios.basic.expectedText}`),
    );
    expect(screen.getByRole('status').textContent).toBe('ready');
    expect(sent).toHaveLength(1);
    expect(new Headers(sent[0]?.headers).get('chatstream-resume')).toBe('stream-7');
    expect(sent[0]?.body).toBeUndefined();
  });

  it('reads on an answer that lost its connection once the browser is back online', async () => {
    const { sent, goOnline } = await renderOffline();
    goOnline();
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() =>
      expect(screen.getByRole('log').textContent).toContain(`assistant: ${scenarios.basic.expectedText}`),
    );
    expect(screen.getByRole('status').textContent).toBe('ready');
    // One request per signal, StrictMode's second effect included.
    expect(sent).toHaveLength(2);
    expect(new Headers(sent[1]?.headers).get('chatstream-resume')).toBe('stream-7');
  });

  it('hears the app come back on the page it is given (React Native: AppState, NetInfo), not the browser', async () => {
    const app = new EventTarget();
    const { sent, goOnline } = await renderOffline({ window: app });
    goOnline();
    act(() => void window.dispatchEvent(new Event('online')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toHaveLength(1);
    act(() => void app.dispatchEvent(new Event('online')));
    await waitFor(() =>
      expect(screen.getByRole('log').textContent).toContain(`assistant: ${scenarios.basic.expectedText}`),
    );
    expect(new Headers(sent[1]?.headers).get('chatstream-resume')).toBe('stream-7');
  });

  it('stops listening for the network once unmounted', async () => {
    const { sent, goOnline, unmount } = await renderOffline();
    unmount();
    goOnline();
    window.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toHaveLength(1);
  });

  it('keeps the conversation over a remount with persist, and starts from it instead of initialMessages', async () => {
    sessionStorage.clear();
    server.use(scenarios.basic);
    const first = render(
      <StrictMode>
        <ChatApp persist="chat" />
      </StrictMode>,
    );
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    first.unmount();

    const welcome: ChatMessage[] = [
      { id: 'w', role: 'assistant', content: [{ type: 'text', text: 'Welcome' }] },
    ];
    render(<ChatApp persist="chat" initialMessages={welcome} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'user: Hello',
      `assistant: ${scenarios.basic.expectedText}`,
    ]);
    // A key with nothing saved under it starts from initialMessages.
    cleanup();
    render(<ChatApp persist="another" initialMessages={welcome} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['assistant: Welcome']);
    sessionStorage.clear();
  });

  it('keeps the conversation in the storage persistStorage names (localStorage, a storage of its own)', async () => {
    sessionStorage.clear();
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    server.use(scenarios.basic);
    const first = render(<ChatApp persist="chat" persistStorage={storage} />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    first.unmount();
    expect(items.get('chat')).toContain(scenarios.basic.expectedText);
    expect(sessionStorage.getItem('chat')).toBeNull();

    render(<ChatApp persist="chat" persistStorage={storage} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'user: Hello',
      `assistant: ${scenarios.basic.expectedText}`,
    ]);
  });

  it('restores and saves with a storage that answers later (chrome.storage, IndexedDB)', async () => {
    sessionStorage.clear();
    const items = new Map<string, string>();
    const later = {
      getItem: async (key: string) => items.get(key) ?? null,
      setItem: async (key: string, value: string) => void items.set(key, value),
    };
    server.use(scenarios.basic);
    const first = render(<ChatApp persist="chat" persistStorage={later} />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    await waitFor(() => expect(items.get('chat')).toContain(scenarios.basic.expectedText));
    first.unmount();

    const errors: unknown[] = [];
    render(<ChatApp persist="chat" persistStorage={later} onError={(error) => errors.push(error)} />);
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
        'user: Hello',
        `assistant: ${scenarios.basic.expectedText}`,
      ]),
    );
    expect(errors).toEqual([]);
  });

  it('never restores a conversation read for one key under another (persist off and on mid-read)', async () => {
    sessionStorage.clear();
    const items = new Map([
      ['a', chatOf('from A')],
      ['b', chatOf('from B')],
    ]);
    const { later, gate, release } = gatedStorage(items);
    const { rerender } = render(<ChatApp persist="a" persistStorage={later} />);
    rerender(<ChatApp persistStorage={later} />);
    await act(async () => release());
    rerender(<ChatApp persist="b" persistStorage={later} />);
    await act(async () => gate);
    expect(screen.queryAllByRole('listitem').map((item) => item.textContent)).toEqual([]);
    expect(items.get('b')).toBe(chatOf('from B'));
    expect(items.get('a')).toBe(chatOf('from A'));
  });

  it('keeps a message sent while a storage that answers later is still read, in the same session', async () => {
    sessionStorage.clear();
    const items = new Map([['chat', chatOf('from before')]]);
    const { later, gate, release } = gatedStorage(items);
    const shown: unknown[] = [];
    server.use(scenarios.basic);
    render(<ChatApp persist="chat" persistStorage={later} onCommit={(chat) => shown.push(chat)} />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    const asked = shown.at(-1);

    await act(async () => release());
    await act(async () => gate);
    // The conversation the user started goes on: the saved one does not replace it.
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'user: Hello',
      `assistant: ${scenarios.basic.expectedText}`,
    ]);
    expect(shown.at(-1)).toBe(asked);
    // And it is what a reload brings back.
    await waitFor(() => expect(items.get('chat')).toContain(scenarios.basic.expectedText));
    expect(items.get('chat')).not.toContain('from before');
    sessionStorage.clear();
  });

  it('tells onError of a conversation it could not save (storage full) or read back', async () => {
    const errors: unknown[] = [];
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    server.use(scenarios.basic);
    const first = render(
      <ChatApp persist="chat" persistStorage={full} onError={(error) => errors.push(error)} />,
    );
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    // Once, however many changes fail to save; the conversation goes on.
    expect(errors).toEqual([expect.objectContaining({ name: 'ChatSessionError', code: 'storage' })]);
    expect((errors[0] as Error).message).toContain('could not be saved');
    first.unmount();

    const garbled = { getItem: () => '{"messages": [', setItem: () => undefined };
    render(<ChatApp persist="chat" persistStorage={garbled} onError={(error) => errors.push(error)} />);
    // Told after the render that read it, not during it.
    expect(errors).toHaveLength(1);
    await waitFor(() => expect(errors).toHaveLength(2));
    expect(errors[1]).toMatchObject({ name: 'ChatSessionError', code: 'storage' });
  });

  it('another persist key is another conversation: it switches to what was saved there and saves nothing over it', async () => {
    sessionStorage.clear();
    server.use(scenarios.basic);
    const view = render(<ChatApp persist="chat-a" />);
    click('Send');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    const savedA = sessionStorage.getItem('chat-a');

    view.rerender(<ChatApp persist="chat-b" />);
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(sessionStorage.getItem('chat-a')).toBe(savedA);
    expect(sessionStorage.getItem('chat-b') ?? '').not.toContain('Hello');

    view.rerender(<ChatApp persist="chat-a" />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'user: Hello',
      `assistant: ${scenarios.basic.expectedText}`,
    ]);
    sessionStorage.clear();
  });

  it('calls the onFinish of the latest render, even one given while the answer streamed', async () => {
    // Long enough that the answer is still streaming when the new render comes, on a loaded machine
    // too: the status shown lags the session by up to a frame.
    server.use(withFaults(scenarios.basic, stall(1000, 3)));
    const finished: string[] = [];
    const view = render(<ChatApp onFinish={() => finished.push('first')} />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('streaming'));
    view.rerender(<ChatApp onFinish={() => finished.push('second')} />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'), { timeout: 5000 });
    expect(finished).toEqual(['second']);
  });

  it('hydrates server HTML with persist without a mismatch, then shows the saved conversation and keeps saving it', async () => {
    sessionStorage.clear();
    const welcome: ChatMessage[] = [
      { id: 'w', role: 'assistant', content: [{ type: 'text', text: 'Welcome' }] },
    ];
    // The server has no sessionStorage: it renders initialMessages.
    const html = renderToString(
      <StrictMode>
        <ChatApp persist="chat" initialMessages={welcome} />
      </StrictMode>,
    );
    expect(html).toContain('Welcome');
    const saved: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hello again' }] },
    ];
    sessionStorage.setItem('chat', JSON.stringify({ messages: saved }));

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const mismatches: unknown[] = [];
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(
        container,
        <StrictMode>
          <ChatApp persist="chat" initialMessages={welcome} />
        </StrictMode>,
        { onRecoverableError: (error) => mismatches.push(error) },
      );
    });
    expect(mismatches).toEqual([]);
    expect(
      within(container)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['user: Hi', 'assistant: Hello again']);
    // What was saved was never overwritten by the welcome the hydrating render showed.
    expect(restoreChat('chat').initialMessages).toEqual(saved);

    server.use(scenarios.basic);
    act(() => within(container).getByRole('button', { name: 'Send' }).click());
    await waitFor(() => expect(restoreChat('chat').initialMessages).toHaveLength(4));
    act(() => root?.unmount());
    container.remove();
    sessionStorage.clear();
  });

  it('tells restoring while the saved conversation cannot be read yet: on the server and while hydrating', async () => {
    sessionStorage.clear();
    const seen: boolean[] = [];
    function Restoring({ persist }: { persist?: string }): React.ReactNode {
      const { restoring, messages } = useStreamingChat({ persist });
      seen.push(restoring);
      return <output>{`${restoring ? 'restoring' : 'read'} ${messages.length}`}</output>;
    }
    expect(renderToString(<Restoring persist="chat" />)).toContain('restoring 0');
    expect(renderToString(<Restoring />)).toContain('read 0');
    sessionStorage.setItem(
      'chat',
      JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }),
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(<Restoring persist="chat" />);
    document.body.append(container);
    seen.length = 0;
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(container, <Restoring persist="chat" />);
    });
    // The hydrating render matches the server's; the one after it has read the saved question.
    expect(seen[0]).toBe(true);
    expect(container.textContent).toBe('read 1');
    // In the browser from the start (no server HTML), it is read in the first render.
    seen.length = 0;
    render(<Restoring persist="chat" />);
    expect(seen).toEqual([false]);
    act(() => root?.unmount());
    container.remove();
    sessionStorage.clear();
  });

  it("tells restoring for a provider's session too, until the provider has read what it saved", async () => {
    sessionStorage.setItem(
      'provided',
      JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }),
    );
    const seen: boolean[] = [];
    function Transcript(): React.ReactNode {
      const { restoring, messages } = useStreamingChat({ chat: useChatSession() });
      seen.push(restoring);
      return <output>{`${restoring ? 'restoring' : 'read'} ${messages.length}`}</output>;
    }
    const app = (
      <ChatSessionProvider persist="provided">
        <Transcript />
      </ChatSessionProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    expect(container.textContent).toBe('restoring 0');
    document.body.append(container);
    seen.length = 0;
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(container, app);
    });
    expect(seen[0]).toBe(true);
    expect(container.textContent).toBe('read 1');
    // A session the provider was given is its owner's to restore: not restoring here.
    const shared = createChatSession();
    expect(
      renderToString(
        <ChatSessionProvider chat={shared} persist="provided">
          <Transcript />
        </ChatSessionProvider>,
      ),
    ).toBe('<output>read 0</output>');
    act(() => root?.unmount());
    container.remove();
    sessionStorage.clear();
  });

  it('saves a session given as chat under persist too, and leaves restoring it to its owner', async () => {
    sessionStorage.clear();
    server.use(scenarios.basic);
    const welcome: ChatMessage[] = [
      { id: 'w', role: 'assistant', content: [{ type: 'text', text: 'Welcome' }] },
    ];
    const chat = createChatSession({ initialMessages: welcome });
    render(<ChatApp chat={chat} persist="shared" />);
    expect(JSON.parse(sessionStorage.getItem('shared')!).messages).toEqual(welcome);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    await waitFor(() => expect(JSON.parse(sessionStorage.getItem('shared')!).messages).toHaveLength(3));
    expect(restoreChat('shared').initialMessages?.map((message) => message.role)).toEqual([
      'assistant',
      'user',
      'assistant',
    ]);
    sessionStorage.clear();
  });

  it('sends one request under StrictMode when a message is sent from a mount effect', async () => {
    server.use(scenarios.basic);
    render(
      <StrictMode>
        <SendOnMount />
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2'));
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: false, completed: true });
  });

  it('uses options changed between renders for the next request without re-creating the session', async () => {
    server.use(scenarios.basic);
    const sessions = new Set<unknown>();
    const finished: string[] = [];
    const onCommit = (chat: unknown): void => void sessions.add(chat);
    const { rerender } = render(
      <ChatApp body={{ topic: 'first' }} onFinish={() => finished.push('first')} onCommit={onCommit} />,
    );
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    await waitFor(() => expect(finished).toEqual(['first']));

    rerender(
      <ChatApp body={{ topic: 'second' }} onFinish={() => finished.push('second')} onCommit={onCommit} />,
    );
    click('Send');
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(4));
    await waitFor(() => expect(finished).toEqual(['first', 'second']));

    expect(server.requests.map((request) => (request.body as { topic?: string }).topic)).toEqual([
      'first',
      'second',
    ]);
    // The second request carried the first exchange: same session, history kept.
    expect(server.requests[1]?.body).toMatchObject({ messages: [{}, {}, {}] });
    expect(sessions.size).toBe(1);
  });

  it('stops applying an option a later render leaves out; a shared session keeps what its owner gave', async () => {
    server.use(scenarios.basic);
    const { rerender } = render(<ChatApp system="Be terse." body={{ topic: 'first' }} />);
    rerender(<ChatApp />);
    click('Send');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    expect(server.requests[0]?.body).not.toHaveProperty('system');
    expect(server.requests[0]?.body).not.toHaveProperty('topic');
    cleanup();

    const shared = createChatSession({ api: '/api/chat', throttle: false, system: 'From the owner.' });
    const view = render(<ChatApp chat={shared} model="claude-first" />);
    view.rerender(<ChatApp chat={shared} />);
    click('Send');
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    expect(server.requests[1]?.body).toMatchObject({ system: 'From the owner.', model: 'claude-first' });
  });

  it('keeps its commands stable across renders', () => {
    const seen = new Set<unknown>();
    function Probe(): null {
      const { send, stop, setMessages } = useStreamingChat();
      seen.add(send).add(stop).add(setMessages);
      return null;
    }
    const { rerender } = render(<Probe />);
    rerender(<Probe />);
    expect(seen.size).toBe(3);
  });
});
