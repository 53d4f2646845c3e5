import { describe, expect, it } from 'vitest';
import { anthropicErrorResponse, controlledBody, sseResponse } from '../test/msw-sse.ts';
import { until } from '../test/session-until.ts';
import { messageStart, toSSE, transcripts } from '../test/transcripts.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { createChatSession } from './chat-session.ts';

const OVERLOADED = toSSE([
  messageStart('msg_retried'),
  { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
]);
const TEXT = transcripts['text']!;

/** A session whose requests are answered by `answer(call)` (from 0), each recorded with its headers. */
function sessionAnswering(
  answer: (call: number, init: RequestInit) => Response | Promise<Response>,
  options: ChatSessionOptions = {},
) {
  const requests: Headers[] = [];
  const fetch = async (_url: unknown, init: RequestInit = {}): Promise<Response> => {
    requests.push(new Headers(init.headers));
    return answer(requests.length - 1, init);
  };
  return { requests, session: createChatSession({ fetch, throttle: false, ...options }) };
}

const roles = (messages: readonly ChatMessage[]) =>
  messages.map((message) => `${message.role}:${message.status}`);

describe('ChatSession: a turn interrupted before its answer had content', () => {
  it('a retried attempt that had started a message leaves no answer behind when the retry fails', async () => {
    const { session } = sessionAnswering(
      (call) =>
        call === 0 ? sseResponse(OVERLOADED) : anthropicErrorResponse(400, 'invalid_request_error', 'No'),
      { retry: { maxRetries: 1, initialDelayMs: 1 } },
    );
    await session.send('Hi');
    const { status, error, messages } = session.getSnapshot();
    expect({ status, kind: error?.kind }).toEqual({ status: 'error', kind: 'http' });
    // As when the first attempt fails before any message: the question, and the error beside it.
    expect(roles(messages)).toEqual(['user:undefined']);
  });

  it('a stop during the retry wait leaves no answer either, and the session ready', async () => {
    const { session } = sessionAnswering(() => sseResponse(OVERLOADED), {
      retry: { maxRetries: 3, initialDelayMs: 60_000 },
    });
    const sending = session.send('Hi');
    await until(session, (snapshot) => snapshot.retrying !== undefined);
    expect(roles(session.getSnapshot().messages)).toEqual(['user:undefined']);
    expect(session.getSnapshot().status).toBe('submitted');
    await session.stop();
    await sending;
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(roles(session.getSnapshot().messages)).toEqual(['user:undefined']);
  });

  it('the retried attempt gives way to the next one, which streams into a single answer', async () => {
    const { session } = sessionAnswering((call) => sseResponse(call === 0 ? OVERLOADED : toSSE(TEXT)), {
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    await session.send('Hi');
    const { messages } = session.getSnapshot();
    expect(roles(messages)).toEqual(['user:undefined', 'assistant:complete']);
    expect(messages[1]?.message?.id).not.toBe('msg_retried');
  });
});

describe('ChatSession: the user acts on an answer while it streams', () => {
  it('leaving the streaming answer out of setMessages stops it, and asks nothing again', async () => {
    const body = controlledBody(toSSE(TEXT.slice(0, 5)));
    const { requests, session } = sessionAnswering(() => sseResponse(body.body));
    const sending = session.send('Hi');
    await until(session, (snapshot) => snapshot.status === 'streaming');
    session.setMessages((messages) => messages.filter((message) => message.role === 'user'));
    await sending;
    expect(body.cancelled).toBe(true);
    expect(requests).toHaveLength(1);
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(roles(session.getSnapshot().messages)).toEqual(['user:undefined']);
  });

  it('a stop while retry() reads a kept answer on from the relay sends no new request after it', async () => {
    const { requests, session } = sessionAnswering(
      (_call, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        }),
      {
        initialMessages: [
          { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Tell me a story' }] },
          {
            id: 'a1',
            role: 'assistant',
            status: 'aborted',
            content: [{ type: 'text', text: 'Once upon a time' }],
            streamId: 'stream-1',
          },
        ],
      },
    );
    const retrying = session.retry();
    await until(session, (snapshot) => snapshot.status === 'submitted');
    await session.stop();
    await retrying;
    expect(requests.map((headers) => headers.get('chatstream-resume'))).toEqual(['stream-1']);
    expect(session.getSnapshot().status).toBe('ready');
    expect(roles(session.getSnapshot().messages)).toEqual(['user:undefined', 'assistant:aborted']);
  });
});
