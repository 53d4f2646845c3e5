import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, TimeoutError } from '../errors.ts';
import { createChatSession } from '../session/chat-session.ts';
import { instanceOf } from '../test/instance-of.ts';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { streamMessage } from './stream-message.ts';

afterEach(() => vi.useRealTimers());

const request = { url: 'https://api.chatstream.test/v1/messages', body: { max_tokens: 1024, messages: [] } };

/**
 * A fetch of the user's own that awaits something of its own first (a token refresh) and does not
 * listen to the signal meanwhile: it settles only when the test says so.
 */
function slowFetch(): {
  fetch: typeof fetch;
  signals: AbortSignal[];
  answer: (response: Response) => void;
} {
  const signals: AbortSignal[] = [];
  const answers: ((response: Response) => void)[] = [];
  const fetch = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (init?.signal) signals.push(init.signal);
    return new Promise((resolve) => answers.push(resolve));
  };
  return { fetch, signals, answer: (response) => answers.shift()?.(response) };
}

describe('streamMessage with a fetch that does not listen to its signal', () => {
  it('abort() ends the stream at once, without waiting for the fetch to settle', async () => {
    const slow = slowFetch();
    const stream = streamMessage(request, { fetch: slow.fetch, retry: false });
    await vi.waitFor(() => expect(slow.signals).toHaveLength(1));
    stream.abort();
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(stream.status).toBe('aborted');
    expect(slow.signals[0]?.aborted).toBe(true);
  });

  it('headersTimeoutMs fails it with a headers TimeoutError while the fetch has not settled', async () => {
    vi.useFakeTimers();
    const slow = slowFetch();
    const stream = streamMessage(request, { fetch: slow.fetch, retry: false, headersTimeoutMs: 200 });
    const failed = rejection(stream.finalMessage());
    await vi.advanceTimersByTimeAsync(200);
    const error = await failed;
    expect(instanceOf(error, TimeoutError).phase).toBe('headers');
    expect(stream.status).toBe('error');
  });

  it('cancels the body of a response that comes after the abort, releasing its connection', async () => {
    const slow = slowFetch();
    const stream = streamMessage(request, { fetch: slow.fetch, retry: false });
    await vi.waitFor(() => expect(slow.signals).toHaveLength(1));
    stream.abort();
    await rejection(stream.finalMessage());
    const late = controlledBody(toSSE(transcripts['text'] ?? []));
    slow.answer(sseResponse(late.body));
    await vi.waitFor(() => expect(late.cancelled).toBe(true));
  });
});

describe('ChatSession with a fetch that does not listen to its signal', () => {
  it('stop() leaves submitted at once instead of when the fetch settles', async () => {
    const slow = slowFetch();
    const session = createChatSession({ fetch: slow.fetch, throttle: false, retry: false });
    const sending = session.send('Hi');
    await vi.waitFor(() => expect(slow.signals).toHaveLength(1));
    expect(session.getSnapshot().status).toBe('submitted');
    await session.stop();
    await sending;
    expect(session.getSnapshot().status).toBe('ready');
    expect(slow.signals[0]?.aborted).toBe(true);
  });
});
