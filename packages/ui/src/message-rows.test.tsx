import { type ChatMessage, createChatSession } from '@chatstream/reader';
import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';

const said = (id: string, role: 'user' | 'assistant', text: string): ChatMessage => ({
  id,
  role,
  content: [{ type: 'text', text }],
  ...(role === 'assistant' ? { status: 'complete' as const } : {}),
});

/** `count` alternating turns, `m0` … `m<count - 1>`, each saying its own id. */
const turns = (count: number): ChatMessage[] =>
  Array.from({ length: count }, (_, index) =>
    said(`m${index}`, index % 2 ? 'assistant' : 'user', `m${index}`),
  );

const rowsOf = (container: HTMLElement): HTMLElement[] =>
  Array.from(container.querySelectorAll<HTMLElement>('[data-slot="message"]'));
const idsOf = (container: HTMLElement): (string | undefined)[] =>
  rowsOf(container).map((row) => row.dataset['messageId']);

it('keeps every row mounted when messages before it are removed or inserted, in a long conversation', async () => {
  const messages = turns(150);
  const chat = createChatSession({ initialMessages: messages });
  const screen = await render(<ChatStream chat={chat} style={{ blockSize: 480 }} />);
  expect(idsOf(screen.container)).toEqual(messages.map((message) => message.id));
  const before = new Map(rowsOf(screen.container).map((row) => [row.dataset['messageId'], row]));

  // Removing rows shifts every later one back; inserting shifts them on.
  const edited = [
    ...messages.slice(0, 3),
    ...messages.slice(5, 70),
    said('new-1', 'user', 'inserted'),
    said('new-2', 'assistant', 'inserted too'),
    ...messages.slice(70, 149),
  ];
  chat.setMessages(edited);
  await expect.poll(() => idsOf(screen.container)).toEqual(edited.map((message) => message.id));
  const remounted = rowsOf(screen.container).filter((row) => {
    const id = row.dataset['messageId'] ?? '';
    return !id.startsWith('new-') && row !== before.get(id);
  });
  expect(remounted.map((row) => row.dataset['messageId'])).toEqual([]);

  // New messages at the end, and a conversation in another order, show in order too.
  const grown = [...edited, ...turns(230).slice(150)];
  chat.setMessages(grown);
  await expect.poll(() => idsOf(screen.container)).toEqual(grown.map((message) => message.id));
  const reordered = grown.toReversed();
  chat.setMessages(reordered);
  await expect.poll(() => idsOf(screen.container)).toEqual(reordered.map((message) => message.id));
});

it('leaves out tool result turns that the tool card above shows, wherever they fall in the list', async () => {
  // Every answer calls a tool and every later user turn only carries its result.
  const messages: ChatMessage[] = [said('q', 'user', 'Go')];
  for (let index = 1; index < 140; index += 2) {
    const id = `call-${index}`;
    messages.push(
      {
        id: `a${index}`,
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'tool_use', id, name: 'lookup', input: { index } }],
        toolCalls: { [id]: { status: 'done', result: `result ${index}` } },
      },
      {
        id: `r${index}`,
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: id, content: `result ${index}` }],
      },
    );
  }
  const chat = createChatSession({ initialMessages: messages });
  const screen = await render(<ChatStream chat={chat} style={{ blockSize: 480 }} />);
  expect(idsOf(screen.container)).toEqual(
    messages.filter((message) => !message.id.startsWith('r')).map((message) => message.id),
  );
});
