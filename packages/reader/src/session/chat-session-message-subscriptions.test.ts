import { describe, expect, it } from 'vitest';
import { readMessageStream } from '../stream/read-message-stream.ts';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { firstText, textTurn } from '../test/text-turn-events.ts';
import { toSSE } from '../test/transcripts.ts';
import type { ChatMessage } from './chat-message.ts';
import { createChatSession } from './chat-session.ts';

const { start, blockStart, delta } = textTurn;
const end = textTurn.end(3);
const history: ChatMessage[] = Array.from({ length: 100 }, (_, index) => ({
  id: `h${index}`,
  role: index % 2 ? 'assistant' : 'user',
  content: [{ type: 'text', text: `message ${index}` }],
}));
const textOf = firstText;

/** A session over `history` that streams `events` unbatched, with ids `n0`, `n1`, … for new messages. */
function session(events: Parameters<typeof toSSE>[0]): ReturnType<typeof createChatSession> {
  const body = controlledBody(toSSE(events));
  body.close();
  let next = 0;
  return createChatSession({
    initialMessages: history,
    throttle: false,
    generateId: () => `n${next++}`,
    transport: () => readMessageStream(sseResponse(body.body)),
  });
}

describe('ChatSession: per-message subscriptions', () => {
  it('tells only the listeners of the message that changed, and keeps the id list while it streams', async () => {
    const target = session([start, blockStart, delta('a'), delta('b'), delta('c'), ...end]);
    const ids = target.getMessageIds();
    expect(ids).toHaveLength(100);
    expect(target.getMessage('h5')).toBe(history[5]);
    const heard = { h5: 0, h99: 0, answer: [] as string[] };
    target.subscribeMessage('h5', () => heard.h5++);
    target.subscribeMessage('h99', () => heard.h99++);
    target.subscribeMessage('n1', () => heard.answer.push(textOf(target.getMessage('n1'))));
    const idLists = new Set<readonly string[]>();
    target.subscribe(() => idLists.add(target.getMessageIds()));

    await target.send('go');

    expect(heard.h5).toBe(0);
    expect(heard.h99).toBe(0);
    expect(heard.answer).toEqual(expect.arrayContaining(['', 'a', 'ab', 'abc']));
    expect(target.getMessage('n1')).toBe(target.getSnapshot().messages.at(-1));
    expect(target.getMessage('n1')).toMatchObject({ status: 'complete' });
    // One list with the user message, one once the answer arrived; none per token.
    expect([...idLists].map((list) => list.length)).toEqual([101, 102]);
    expect(target.getMessageIds()).toEqual([...ids, 'n0', 'n1']);
  });

  it("tells a message's listeners when setMessages replaces or removes it, and stops after unsubscribe", () => {
    const target = session([]);
    let h5 = 0;
    let h6 = 0;
    const unsubscribe = target.subscribeMessage('h5', () => h5++);
    target.subscribeMessage('h6', () => h6++);
    target.setMessages((messages) =>
      messages.map((message) => (message.id === 'h5' ? { ...message } : message)),
    );
    expect([h5, h6]).toEqual([1, 0]);
    expect(target.getMessage('h5')).toEqual(history[5]);
    expect(target.getMessage('h5')).not.toBe(history[5]);
    target.setMessages((messages) => messages.slice(0, 6));
    expect([h5, h6]).toEqual([1, 1]);
    expect(target.getMessage('h6')).toBeUndefined();
    expect(target.getMessageIds()).toHaveLength(6);
    unsubscribe();
    target.clear();
    expect(h5).toBe(1);
    expect(target.getMessageIds()).toEqual([]);
  });
});
