import { endWithoutMessageStop, scenario, scenarios } from '@chatstream/mocks';
import {
  type ChatMessage,
  type ChatSession,
  type ChatUsage,
  createChatSession,
  reconnectOnReturn,
} from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { cutAfter } from './test/cut-after.ts';
import { TEST_MODEL, useRelayOnFake, waitUntilForgotten } from './test/relay-fixture.ts';

/** An answer long enough to reload in the middle of, with a pause to do it in. */
const slowAnswer = scenario('slowAnswer', { description: 'Text, a pause, more text.' })
  .text('The first half, saved before the reload. ')
  .pause(400)
  .text('The second half, read after it.')
  .stop('end_turn');

/** Resolves once the last message of `session` streams and passes `ready`. */
function lastMessageWhen(session: ChatSession, ready: (last: ChatMessage) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = session.subscribe(() => {
      const last = session.getSnapshot().messages.at(-1);
      if (last?.status === 'streaming' && ready(last)) {
        unsubscribe();
        resolve();
      }
    });
  });
}

/** A page's `document` as far as visibility goes: hidden until the test shows it. */
class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'hidden';
}

/** What a page saves of its conversation, as it goes through sessionStorage. */
const saved = (messages: readonly ChatMessage[]): ChatMessage[] => JSON.parse(JSON.stringify(messages));

describe('ChatSession.reconnect through a relay with resume', () => {
  const relay = useRelayOnFake({ model: TEST_MODEL, resume: { graceMs: 5000, ttlMs: 1500 } });

  /** A page's session on the relay, sending `text`, and its conversation as saved once `ready` held. */
  async function savedWhen(
    text: string,
    ready: (last: ChatMessage) => boolean,
  ): Promise<{ page: ChatSession; messages: ChatMessage[] }> {
    const page = createChatSession({ api: relay.url });
    const reached = lastMessageWhen(page, ready);
    void page.send(text);
    await reached;
    return { page, messages: saved(page.getSnapshot().messages) };
  }

  /** The conversation saved halfway through `slowAnswer`. */
  async function savedMidAnswer(): Promise<ChatMessage[]> {
    relay.fake.use(slowAnswer);
    const { messages } = await savedWhen('Tell me in two halves', (last) =>
      JSON.stringify(last.content).includes('saved before'),
    );
    return messages;
  }

  it('reads on after a reload: the whole answer, generated once', async () => {
    const messages = await savedMidAnswer();
    expect(messages.at(-1)?.streamId).toMatch(/^[\da-f-]{36}$/u);

    const reloaded = createChatSession({ api: relay.url, initialMessages: messages });
    expect(reloaded.getSnapshot().messages.at(-1)?.status).toBe('aborted');
    await reloaded.reconnect();

    const answer = reloaded.getSnapshot().messages.at(-1)!;
    expect(answer).toMatchObject({ id: messages.at(-1)!.id, status: 'complete', stopReason: 'end_turn' });
    expect(answer.content).toEqual(slowAnswer.expectedMessage.content);
    expect(answer.streamId).toBeUndefined();
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    // The replayed first half arrived at once: no time to first token is made of it.
    expect(answer.stats?.timeToFirstTokenMs).toBeUndefined();
    expect(answer.stats?.outputTokens).toBeGreaterThan(0);
    await relay.fake.settled();
    expect(relay.fake.requests).toHaveLength(1);
  });

  it('leaves the answer stopped, as restored, when the relay no longer has the stream', async () => {
    const messages = await savedMidAnswer();
    await relay.fake.settled();
    // Past the relay's ttlMs: the stream is gone.
    await waitUntilForgotten(relay.url, messages.at(-1)!.streamId!);
    const fetch = vi.fn<typeof globalThis.fetch>(globalThis.fetch);
    const reloaded = createChatSession({ api: relay.url, initialMessages: messages, fetch });
    const onError = vi.fn<(error: unknown) => void>();
    reloaded.setOptions({ onError });
    await reloaded.reconnect();

    expect(fetch).toHaveBeenCalledTimes(1);
    const answer = reloaded.getSnapshot().messages.at(-1)!;
    expect(answer.status).toBe('aborted');
    expect(answer.content).toEqual(messages.at(-1)!.content);
    expect(answer.streamId).toBeUndefined();
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(onError).not.toHaveBeenCalled();
    // Once is enough: a second call has nothing to reconnect.
    await reloaded.reconnect();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('says why when the read-on is refused rather than gone (a 403 from a cross-site check), and keeps the answer', async () => {
    const messages = await savedMidAnswer();
    const refusing = vi.fn<typeof globalThis.fetch>(
      async () =>
        new Response(
          JSON.stringify({
            type: 'error',
            error: { type: 'permission_error', message: 'Cross-site POST form submissions are forbidden' },
          }),
          {
            status: 403,
            headers: { 'content-type': 'application/json' },
          },
        ),
    );
    const reloaded = createChatSession({ api: relay.url, initialMessages: messages, fetch: refusing });
    await reloaded.reconnect();
    // Sent as JSON, which such checks let through.
    expect(new Headers(refusing.mock.calls[0]?.[1]?.headers).get('content-type')).toBe('application/json');
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 403 } });
    expect(reloaded.getSnapshot().messages.at(-1)).toMatchObject({
      status: 'aborted',
      content: messages.at(-1)!.content,
    });
  });

  it('reads on an answer stopped in another tab as stopped, and onSettled says so', async () => {
    relay.fake.use(slowAnswer);
    const { page, messages } = await savedWhen('Tell me in two halves', (last) =>
      JSON.stringify(last.content).includes('saved before'),
    );
    await page.stop();
    await relay.fake.settled();
    const settled: string[] = [];
    const reloaded = createChatSession({
      api: relay.url,
      initialMessages: messages,
      onSettled: ({ outcome }) => settled.push(outcome),
    });
    await reloaded.reconnect();
    expect(reloaded.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(reloaded.getSnapshot().messages.at(-1)?.status).toBe('aborted');
    expect(settled).toEqual(['aborted']);
  });

  it('stops the answer it reads on, upstream too, when the user stops it', async () => {
    relay.fake.use(
      scenario('endless', { description: 'A sentence, then a long wait.' })
        .text('One sentence, then a long wait. ')
        .pause(60_000)
        .text('Never read.')
        .stop('end_turn'),
    );
    const { page, messages } = await savedWhen('Go on', (last) =>
      JSON.stringify(last.content).includes('long wait'),
    );
    const reloaded = createChatSession({ api: relay.url, initialMessages: messages });
    const reading = reloaded.reconnect();
    await lastMessageWhen(reloaded, () => true);
    await reloaded.stop();
    await reading;
    expect(reloaded.getSnapshot().messages.at(-1)?.status).toBe('aborted');
    // The first page never stopped (it reloaded), yet the relay aborted the request it kept going.
    await relay.fake.settled();
    expect(relay.fake.requests[0]).toMatchObject({ aborted: true, completed: false });
    await page.stop();
  });

  /**
   * A session whose answer lost its connection 900 bytes in (text had arrived) while the relay could
   * not be reached for longer than the resume tries; `reachable()` ends the outage.
   */
  async function lostForLongerThanTheTries(
    onUsage?: (used: ChatUsage) => void,
  ): Promise<{ chat: ChatSession; reachable: () => void }> {
    relay.fake.use(slowAnswer);
    let down = true;
    let cut = false;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has('chatstream-resume') && down) return new Response('Bad gateway', { status: 502 });
      const response = await globalThis.fetch(input, init);
      if (cut || !response.body) return response;
      cut = true;
      return new Response(cutAfter(response.body, 900), response);
    };
    const chat = createChatSession({ api: relay.url, fetch, onUsage });
    await chat.send('Tell me in two halves');
    const failed = chat.getSnapshot();
    expect(failed.status).toBe('error');
    expect(failed.messages.at(-1)).toMatchObject({ status: 'error', streamId: expect.any(String) });
    expect(failed.error?.kind).toBe('connection');
    return { chat, reachable: () => (down = false) };
  }

  /** Expects `chat` to hold the whole of `slowAnswer`, generated once. */
  async function expectReadOn(chat: ChatSession): Promise<void> {
    const answer = chat.getSnapshot().messages.at(-1)!;
    expect(answer).toMatchObject({ status: 'complete', content: slowAnswer.expectedMessage.content });
    expect(chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    await relay.fake.settled();
    expect(relay.fake.requests).toHaveLength(1);
  }

  it('reads on at Retry after the connection was lost for longer than the resume tries', async () => {
    const { chat, reachable } = await lostForLongerThanTheTries();
    reachable();
    await chat.retry();
    await expectReadOn(chat);
    // Read to its end: there is nothing left to read on.
    expect(chat.getSnapshot().messages.at(-1)?.streamId).toBeUndefined();
  });

  it('tells onUsage of the read-on as the same request again: readOn, the same messageId', async () => {
    const used: ChatUsage[] = [];
    const { chat, reachable } = await lostForLongerThanTheTries((entry) => used.push(entry));
    reachable();
    await chat.retry();
    await expectReadOn(chat);
    expect(used.map(({ outcome, readOn }) => [outcome, readOn])).toEqual([
      ['error', false],
      ['complete', true],
    ]);
    expect(used[1]!.messageId).toBe(used[0]!.messageId);
    expect(used[1]!.usage).toEqual(slowAnswer.expectedMessage.usage);
  });

  it('reads on by itself after a body that just ended mid-answer (WebKit on a lost connection)', async () => {
    relay.fake.use(slowAnswer);
    let cut = false;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      if (cut || !response.body) return response;
      cut = true;
      return new Response(cutAfter(response.body, 900, { as: 'end' }), response);
    };
    const chat = createChatSession({ api: relay.url, fetch });
    await chat.send('Tell me in two halves');
    await expectReadOn(chat);
    expect(chat.getSnapshot().messages.at(-1)?.streamId).toBeUndefined();
  });

  it('continues at Retry an answer whose upstream stopped short, which the relay cannot read on', async () => {
    relay.fake.use(
      scenario('stoppedShort', { description: 'Anthropic ends the stream before message_stop.' })
        .text('The first half. ')
        .fault(endWithoutMessageStop())
        .stop('end_turn'),
    );
    const requests: Headers[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests.push(new Headers(init?.headers));
      return globalThis.fetch(input, init);
    };
    const chat = createChatSession({ api: relay.url, fetch });
    await chat.send('Tell me in two halves');
    // One resume finds nothing new: the relay's copy ends there too.
    expect(requests.filter((headers) => headers.has('chatstream-resume'))).toHaveLength(1);
    const stopped = chat.getSnapshot().messages.at(-1);
    expect(stopped?.status).toBe('incomplete');
    expect(stopped?.streamId).toBeUndefined();
    relay.fake.use(scenarios.basic);
    await chat.retry();
    expect(chat.getSnapshot().messages.at(-1)?.status).toBe('complete');
    await relay.fake.settled();
    expect(relay.fake.requests).toHaveLength(2);
  });

  it('reads on by itself once the browser is back online, and once the page is shown again', async () => {
    const window = new EventTarget();
    const document = new FakeDocument();
    const { chat, reachable } = await lostForLongerThanTheTries();
    const reconnect = vi.spyOn(chat, 'reconnect');
    const stopListening = reconnectOnReturn(chat, { window, document });

    // A page that was hidden does not read on until it is shown.
    document.dispatchEvent(new Event('visibilitychange'));
    expect(reconnect).not.toHaveBeenCalled();
    // Still unreachable: the answer stays failed, for the next signal.
    window.dispatchEvent(new Event('online'));
    expect(reconnect).toHaveBeenCalledTimes(1);
    await reconnect.mock.results[0]?.value;
    expect(chat.getSnapshot().status).toBe('error');
    expect(chat.getSnapshot().messages.at(-1)).toMatchObject({
      status: 'error',
      streamId: expect.any(String),
    });

    reachable();
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(chat.getSnapshot().messages.at(-1)?.status).toBe('complete'));
    await expectReadOn(chat);

    stopListening();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(reconnect).toHaveBeenCalledTimes(2);
  });

  it('listens to nothing outside a browser', () => {
    expect(globalThis.window).toBeUndefined();
    const chat = createChatSession({ api: relay.url });
    const reconnect = vi.spyOn(chat, 'reconnect');
    const stopListening = reconnectOnReturn(chat);
    expect(reconnect).not.toHaveBeenCalled();
    expect(stopListening()).toBeUndefined();
  });

  it('asks again at Retry when the relay no longer has the stream, and keeps the error until then', async () => {
    const messages = await savedMidAnswer();
    const failedAnswer = {
      ...messages.at(-1)!,
      status: 'error' as const,
      error: {
        name: 'ConnectionError',
        kind: 'connection',
        message: 'The connection failed while streaming',
      },
    };
    await relay.fake.settled();
    await waitUntilForgotten(relay.url, failedAnswer.streamId!);
    relay.fake.use(scenario('rest').text('the rest.').stop('end_turn'));
    const onError = vi.fn<(error: unknown) => void>();
    const chat = createChatSession({
      api: relay.url,
      initialMessages: [...messages.slice(0, -1), failedAnswer] as ChatMessage[],
      onError,
    });
    // The relay forgot it: the failure stays as it was, notice and all, and is not reported twice.
    await chat.reconnect();
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'connection' } });
    expect(onError).not.toHaveBeenCalled();
    await chat.retry();
    expect(chat.getSnapshot().messages.at(-1)).toMatchObject({ status: 'complete' });
    expect(JSON.stringify(chat.getSnapshot().messages.at(-1)?.content)).toContain('the rest.');
    // The first request, and the continuation Retry asked for.
    expect(relay.fake.requests).toHaveLength(2);
  });

  it('does nothing without an answer to reconnect to', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(globalThis.fetch);
    const finished = createChatSession({
      api: relay.url,
      fetch,
      initialMessages: [
        { id: 'u', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { id: 'a', role: 'assistant', status: 'complete', content: [{ type: 'text', text: 'Hello' }] },
      ],
    });
    await finished.reconnect();
    await createChatSession({ api: relay.url, fetch }).reconnect();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('runs the tool calls of an answer it read on, as after any answer', async () => {
    relay.fake.use(scenarios.toolUse);
    const { messages } = await savedWhen('Weather in Paris?', (last) => last.streamId !== undefined);
    await relay.fake.settled();
    relay.fake.use(scenarios.basic);
    const execute = vi.fn<() => { temperature: number }>(() => ({ temperature: 18 }));
    const reloaded = createChatSession({
      api: relay.url,
      initialMessages: messages,
      tools: { get_weather: { description: 'Weather', inputSchema: { type: 'object' }, execute } },
    });
    await reloaded.reconnect();
    expect(execute).toHaveBeenCalledTimes(1);
    expect(reloaded.getSnapshot().messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(reloaded.getSnapshot().messages.at(-1)?.status).toBe('complete');
  });
});
