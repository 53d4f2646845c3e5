import { scenarios } from '@chatstream/mocks';
import type { ChatSession } from '@chatstream/reader';
import { act, render, screen } from '@testing-library/react';
import { type ReactNode, StrictMode, startTransition, Suspense, useEffect, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createControlledResponses } from './test/controlled-response.ts';
import { useStreamingChat } from './use-streaming-chat.ts';

afterEach(() => sessionStorage.clear());

/** Never settles: whatever suspends on it keeps its transition from committing. */
const never = new Promise<never>(() => undefined);

/** Suspends for conversation `b`, as a sibling loading that conversation's data would. */
function Gate({ id }: { id: string }): ReactNode {
  if (id === 'b') throw never;
  return null;
}

function Chat(props: { id: string; fetch: typeof fetch; onCommit: (chat: ChatSession) => void }): ReactNode {
  const { id, fetch, onCommit } = props;
  const { status, chat } = useStreamingChat({ persist: `chat-${id}`, fetch, throttle: false, retry: false });
  useEffect(() => {
    onCommit(chat);
  });
  return <p role="status">{status}</p>;
}

describe('useChatSessionInstance', () => {
  it('keeps the live session when a transition to another persist key does not commit', async () => {
    const responses = createControlledResponses(scenarios.basic);
    const committed = new Set<ChatSession>();
    let open!: (id: string) => void;
    let rerender!: () => void;
    function App(): ReactNode {
      const [id, setId] = useState('a');
      const [renders, setRenders] = useState(0);
      open = (next) => startTransition(() => setId(next));
      rerender = () => setRenders((count) => count + 1);
      return (
        <Suspense fallback={<p>loading</p>}>
          <Chat id={id} fetch={responses.fetch} onCommit={(chat) => committed.add(chat)} />
          <Gate id={id} />
          <span>{renders}</span>
        </Suspense>
      );
    }
    render(<App />);
    const [first] = committed;
    await act(async () => {
      void first?.send('Hello');
      await responses.push(4);
    });
    expect(screen.getByRole('status').textContent).toBe('streaming');

    // Conversation b's render suspends, so React keeps showing a: that render never happened.
    await act(async () => open('b'));
    await act(async () => rerender());
    // Before: the abandoned render left its key behind, this render made yet another session, and
    // the answer streaming in the first one was stopped.
    expect(screen.getByRole('status').textContent).toBe('streaming');
    expect(committed).toEqual(new Set([first]));

    await act(() => responses.push());
    expect(screen.getByRole('status').textContent).toBe('ready');
    expect(first?.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(responses.requests).toHaveLength(1);
  });

  it('switches to another persist key once a render with it commits, under StrictMode too, stopping the answer left', async () => {
    const responses = createControlledResponses(scenarios.basic);
    const committed = new Set<ChatSession>();
    const app = (id: string): ReactNode => (
      <StrictMode>
        <Chat id={id} fetch={responses.fetch} onCommit={(chat) => committed.add(chat)} />
      </StrictMode>
    );
    const view = render(app('a'));
    const [first] = committed;
    await act(async () => {
      void first?.send('Hello');
      await responses.push(4);
    });
    expect(screen.getByRole('status').textContent).toBe('streaming');

    await act(async () => view.rerender(app('b')));
    expect(screen.getByRole('status').textContent).toBe('ready');
    expect(committed.size).toBe(2);
    const [, second] = committed;
    expect(second?.getSnapshot().messages).toEqual([]);
    expect(first?.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', status: 'aborted' });

    // Back to a: its conversation, saved under its key, in a session of its own.
    await act(async () => view.rerender(app('a')));
    expect(committed.size).toBe(3);
    expect(
      [...committed]
        .at(-1)
        ?.getSnapshot()
        .messages.map((message) => message.role),
    ).toEqual(['user', 'assistant']);
    expect(responses.requests).toHaveLength(1);
  });
});
