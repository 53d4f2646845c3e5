import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMockResponse, scenarios } from '@chatstream/mocks';
import type { ChatSession } from '@chatstream/reader';
import { act, render } from '@testing-library/react';
import { expect, it } from 'vitest';
import { useStreamingChat } from './use-streaming-chat.ts';

// The flag makes `gc` available to a new context: a full collection on demand.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const fetchAnswer = async (): Promise<Response> => createMockResponse(scenarios.basic, { timing: 'instant' });

/** Mounts a chat, holds a conversation in it, unmounts it; returns weak references to its session and messages. */
async function chatAndLeave(): Promise<WeakRef<object>[]> {
  let chat: ChatSession | undefined;
  function Chat(): React.ReactNode {
    const result = useStreamingChat({ fetch: fetchAnswer, retry: false });
    chat = result.chat;
    return <output>{result.messages.length}</output>;
  }
  const view = render(<Chat />);
  for (let turn = 0; turn < 5; turn++) await act(() => chat!.send(`Question ${turn}`));
  expect(view.container.textContent).toBe('10');
  const refs = [new WeakRef(chat!), ...chat!.getSnapshot().messages.map((message) => new WeakRef(message))];
  view.unmount();
  chat = undefined;
  return refs;
}

it('lets a chat that unmounted be collected, with its session and conversation', async () => {
  const refs = await chatAndLeave();
  // Collected between macrotasks, for up to half a second (queued callbacks of a loaded machine); a leak outlasts it.
  let alive = refs;
  for (let round = 0; round < 50 && alive.length > 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    alive = alive.filter((ref) => ref.deref() !== undefined);
  }
  expect(alive).toHaveLength(0);
});
