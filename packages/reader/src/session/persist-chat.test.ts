import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMessageStream } from '../stream/read-message-stream.ts';
import { type ControlledBody, controlledBody, sseResponse } from '../test/msw-sse.ts';
import { firstText, textTurn } from '../test/text-turn-events.ts';
import { toSSE } from '../test/transcripts.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionError } from './chat-session-error.ts';
import { createChatSession } from './chat-session.ts';
import type { ChatStorage } from './chat-storage.ts';
import { persistChat } from './persist-chat.ts';
import { readChat, restoreChat } from './restore-chat.ts';
import { restoreMessages } from './restore-messages.ts';

const { start, blockStart, delta } = textTurn;

/** Web Storage in memory, which can be made full (as a browser's quota makes it) or blocked. */
class MemoryStorage implements ChatStorage {
  readonly items = new Map<string, string>();
  writes = 0;
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes += 1;
    this.items.set(key, value);
  }
}

/** A page's `document` as far as visibility goes. */
class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

/** A session whose answers stream from bodies the test writes (`bodies`, newest last). */
function chatOnBodies(initial: Partial<Parameters<typeof createChatSession>[0]> = {}) {
  const bodies: ControlledBody[] = [];
  const chat = createChatSession({
    throttle: false,
    ...initial,
    transport: () => {
      const body = controlledBody();
      bodies.push(body);
      return readMessageStream(sseResponse(body.body));
    },
  });
  return { chat, bodies };
}

/** Sends `text` and answers it with `answer` in one go. */
async function exchange(setup: ReturnType<typeof chatOnBodies>, text: string, answer: string): Promise<void> {
  const sending = setup.chat.send(text);
  await vi.waitFor(() => expect(setup.bodies.length).toBeGreaterThan(0));
  const body = setup.bodies.at(-1)!;
  body.send(toSSE([start, blockStart, delta(answer), ...textTurn.end(3)]));
  body.close();
  await sending;
}

/** A 429 as the API sends it. */
const limited = (): Response =>
  new Response(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': '30' },
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('persistChat and restoreChat', () => {
  it('give a new session the conversation as it was, earlier versions included', async () => {
    const storage = new MemoryStorage();
    const setup = chatOnBodies();
    const stop = persistChat(setup.chat, 'chat', { storage });
    await exchange(setup, 'Hi', 'Hello');
    const regenerating = setup.chat.regenerate();
    await vi.waitFor(() => expect(setup.bodies).toHaveLength(2));
    setup.bodies[1]!.send(toSSE([start, blockStart, delta('Hello again'), ...textTurn.end(3)]));
    setup.bodies[1]!.close();
    await regenerating;
    stop();

    const restored = restoreChat('chat', { storage });
    const reloaded = createChatSession(restored);
    const before = setup.chat.getSnapshot();
    const after = reloaded.getSnapshot();
    expect(after.messages.map((message) => [message.role, firstText(message), message.status])).toEqual([
      ['user', 'Hi', undefined],
      ['assistant', 'Hello again', 'complete'],
    ]);
    expect(after.messages.map((message) => message.id)).toEqual(before.messages.map((message) => message.id));
    expect(after.versions).toEqual(before.versions);
    reloaded.showVersion(after.messages[1]!.id, 0);
    expect(firstText(reloaded.getSnapshot().messages[1])).toBe('Hello');
  });

  it("saves an answer's blocks once, not again in its API message, which gets them back when restored", async () => {
    const storage = new MemoryStorage();
    const setup = chatOnBodies();
    persistChat(setup.chat, 'chat', { storage });
    await exchange(setup, 'Hi', 'Hello, once');
    const saved = storage.items.get('chat')!;
    expect(saved.split('Hello, once')).toHaveLength(2);
    const restored = restoreChat('chat', { storage });
    const [, original] = setup.chat.getSnapshot().messages;
    // As restoreChat gives it (an app may read it before a session does), and in the session.
    expect(restored.initialMessages?.[1]?.message).toEqual(original!.message);
    const [, answer] = createChatSession(restored).getSnapshot().messages;
    expect(answer!.message).toEqual(original!.message);
    expect(answer!.message!.content).toBe(answer!.content);
  });

  it('writes nothing for a conversation opened as it was saved, and saves its next change', async () => {
    const storage = new MemoryStorage();
    const first = chatOnBodies();
    const stopFirst = persistChat(first.chat, 'chat', { storage });
    await exchange(first, 'Hi', 'Hello');
    stopFirst();
    const before = storage.writes;
    // Opened again, as after a reload or on another device: the same text, no write.
    const opened = chatOnBodies(restoreChat('chat', { storage }));
    const stop = persistChat(opened.chat, 'chat', { storage });
    expect(storage.writes).toBe(before);
    await exchange(opened, 'And now?', 'Still here');
    stop();
    expect(storage.writes).toBeGreaterThan(before);
    expect(createChatSession(restoreChat('chat', { storage })).getSnapshot().messages).toHaveLength(4);
  });

  it('saves at most once per intervalMs while an answer streams, and its end at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const storage = new MemoryStorage();
    const setup = chatOnBodies();
    persistChat(setup.chat, 'chat', { storage, intervalMs: 1000 });
    expect(storage.writes).toBe(1);
    const sending = setup.chat.send('Tell me a story');
    // The question is saved as it is sent.
    expect(JSON.parse(storage.getItem('chat')!).messages).toHaveLength(1);
    await vi.waitFor(() => expect(setup.bodies).toHaveLength(1));
    const body = setup.bodies[0]!;
    body.send(toSSE([start, blockStart]));
    for (let index = 0; index < 20; index += 1) {
      body.send(toSSE([delta('word ')]));
      await vi.advanceTimersByTimeAsync(100);
    }
    // 2 s of streaming, a change every 100 ms: the first change, then one save a second.
    expect(storage.writes).toBeLessThanOrEqual(5);
    const midway: ChatMessage[] = JSON.parse(storage.getItem('chat')!).messages;
    expect(midway[1]?.status).toBe('streaming');
    expect(firstText(midway[1]).length).toBeGreaterThan(0);

    body.send(toSSE(textTurn.end(20)));
    body.close();
    await sending;
    const ended: ChatMessage[] = JSON.parse(storage.getItem('chat')!).messages;
    expect(ended[1]).toMatchObject({ status: 'complete' });
    expect(firstText(ended[1])).toBe('word '.repeat(20));
  });

  it('saves what waits when the page is hidden or left, and when it stops saving', async () => {
    const storage = new MemoryStorage();
    const window = new EventTarget();
    const document = new FakeDocument();
    const setup = chatOnBodies();
    const stop = persistChat(setup.chat, 'chat', { storage, intervalMs: 60_000, page: { window, document } });
    void setup.chat.send('Hi');
    await vi.waitFor(() => expect(setup.bodies).toHaveLength(1));
    const body = setup.bodies[0]!;
    const savedText = (): string => firstText(JSON.parse(storage.getItem('chat')!).messages[1]);

    const shows = (text: string) =>
      vi.waitFor(() => expect(firstText(setup.chat.getSnapshot().messages[1])).toBe(text));

    // The answer's start is saved at once; its text waits.
    body.send(toSSE([start, blockStart]));
    await vi.waitFor(() => expect(JSON.parse(storage.getItem('chat')!).messages).toHaveLength(2));
    body.send(toSSE([delta('One')]));
    await shows('One');
    expect(savedText()).toBe('');
    // Shown, nothing happens; hidden, the page may be gone before the next event.
    document.dispatchEvent(new Event('visibilitychange'));
    expect(savedText()).toBe('');
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(savedText()).toBe('One');

    body.send(toSSE([delta(' two')]));
    await shows('One two');
    window.dispatchEvent(new Event('pagehide'));
    expect(savedText()).toBe('One two');

    // Back from the back/forward cache: saving goes on.
    window.dispatchEvent(new Event('pageshow'));
    body.send(toSSE([delta(' three')]));
    await shows('One two three');
    stop();
    expect(savedText()).toBe('One two three');
    // Stopped: later changes stay unsaved, and the page's events no longer reach it.
    const writes = storage.writes;
    body.send(toSSE([delta(' four')]));
    await shows('One two three four');
    window.dispatchEvent(new Event('pagehide'));
    expect(storage.writes).toBe(writes);
    await setup.chat.stop();
  });

  it('a chat opened from a key another session still saves mid-answer reads the text that waited', async () => {
    const storage = new MemoryStorage();
    const setup = chatOnBodies();
    // A component remounted mid-answer: the new one reads while it renders, before the old one's cleanup.
    const stopSaving = persistChat(setup.chat, 'chat', { storage, intervalMs: 60_000 });
    void setup.chat.send('Hi');
    await vi.waitFor(() => expect(setup.bodies).toHaveLength(1));
    const body = setup.bodies[0]!;
    body.send(toSSE([start, blockStart, delta('Every word that came')]));
    await vi.waitFor(() =>
      expect(firstText(setup.chat.getSnapshot().messages[1])).toBe('Every word that came'),
    );

    const reopened = createChatSession({ ...restoreChat('chat', { storage }) });
    expect(firstText(reopened.getSnapshot().messages[1])).toBe('Every word that came');
    // Saving what the new chat holds writes nothing older over it; the old one's cleanup adds nothing.
    const stopReopened = persistChat(reopened, 'chat', { storage });
    stopSaving();
    expect(firstText(JSON.parse(storage.getItem('chat')!).messages[1])).toBe('Every word that came');
    stopReopened();
    await setup.chat.stop();
  });

  it("stopping saving twice leaves another session's saving of that key alone", async () => {
    const storage = new MemoryStorage();
    const first = chatOnBodies();
    const stopFirst = persistChat(first.chat, 'chat', { storage, intervalMs: 60_000 });
    stopFirst();
    const second = chatOnBodies();
    const stopSecond = persistChat(second.chat, 'chat', { storage, intervalMs: 60_000 });
    stopFirst();
    void second.chat.send('Hi');
    await vi.waitFor(() => expect(second.bodies).toHaveLength(1));
    second.bodies[0]!.send(toSSE([start, blockStart, delta('Still saved')]));
    await vi.waitFor(() => expect(firstText(second.chat.getSnapshot().messages[1])).toBe('Still saved'));
    expect(firstText(restoreChat('chat', { storage }).initialMessages?.[1])).toBe('Still saved');
    stopSecond();
    await second.chat.stop();
  });

  it('keeps the answer as it streamed when leaving the page tears its connection down', async () => {
    const storage = new MemoryStorage();
    const window = new EventTarget();
    const setup = chatOnBodies({ retry: false });
    persistChat(setup.chat, 'chat', { storage, intervalMs: 60_000, page: { window } });
    const sending = setup.chat.send('Hi');
    await vi.waitFor(() => expect(setup.bodies).toHaveLength(1));
    setup.bodies[0]!.send(toSSE([start, blockStart, delta('Half an ans')]));
    await vi.waitFor(() => expect(firstText(setup.chat.getSnapshot().messages[1])).toBe('Half an ans'));

    // A reload: the page is left, then the browser cuts its fetch (a network error).
    window.dispatchEvent(new Event('pagehide'));
    setup.bodies[0]!.fail(new TypeError('network error'));
    await sending;
    expect(setup.chat.getSnapshot().messages[1]?.status).toBe('error');

    const reloaded = createChatSession(restoreChat('chat', { storage }));
    const { status, messages } = reloaded.getSnapshot();
    expect(status).toBe('ready');
    expect(messages[1]).toMatchObject({ status: 'aborted' });
    expect(messages[1]?.error).toBeUndefined();
    expect(firstText(messages[1])).toBe('Half an ans');
  });

  it('keeps a failure that no answer holds over a reload, with Retry asking again', async () => {
    const storage = new MemoryStorage();
    const chat = createChatSession({
      api: 'https://chat.test/api',
      fetch: async () => limited(),
      retry: false,
    });
    persistChat(chat, 'chat', { storage });
    await chat.send('Hi');
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { kind: 'http', status: 429 } });
    expect(chat.getSnapshot().messages.map((message) => message.role)).toEqual(['user']);

    const restored = restoreChat('chat', { storage });
    const bodies: unknown[] = [];
    const reloaded = createChatSession({
      api: 'https://chat.test/api',
      ...restored,
      transport: (request) => {
        bodies.push(request.body);
        return readMessageStream(sseResponse(toSSE([start, blockStart, delta('Hello'), ...textTurn.end(1)])));
      },
    });
    persistChat(reloaded, 'chat', { storage });
    const { status, error } = reloaded.getSnapshot();
    expect(status).toBe('error');
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      errorType: 'rate_limit_error',
      retryAfterMs: 30_000,
    });
    expect(error?.message).toBe(chat.getSnapshot().error?.message);

    await reloaded.retry();
    expect(reloaded.getSnapshot().status).toBe('ready');
    expect(reloaded.getSnapshot().error).toBeUndefined();
    expect(firstText(reloaded.getSnapshot().messages[1])).toBe('Hello');
    expect(bodies).toHaveLength(1);
    // Answered now: the failure is no longer saved.
    expect(JSON.parse(storage.getItem('chat')!).error).toBeUndefined();
  });

  it('leaves out a saved failure it cannot read, or one an answer came after, keeping the conversation', () => {
    const storage = new MemoryStorage();
    const question: ChatMessage = { id: 'q', role: 'user', content: [{ type: 'text', text: 'Hi' }] };
    const answer: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello' }],
      status: 'complete',
    };
    const onError = vi.fn<(error: ChatSessionError) => void>();
    storage.setItem('chat', JSON.stringify({ messages: [question], error: { message: 'no kind' } }));
    const unreadable = restoreChat('chat', { storage, onError });
    expect(unreadable).toMatchObject({ initialMessages: [question], initialError: undefined });
    expect(onError).not.toHaveBeenCalled();

    const limit = { name: 'HTTPError', kind: 'http', status: 429, message: 'Slow down' };
    storage.setItem('chat', JSON.stringify({ messages: [question, answer], error: limit }));
    const answered = createChatSession(restoreChat('chat', { storage }));
    expect(answered.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
  });

  it('reports a full storage once, goes on, and saves again once there is room', async () => {
    const storage = new MemoryStorage();
    const onError = vi.fn<(error: ChatSessionError) => void>();
    const setup = chatOnBodies();
    persistChat(setup.chat, 'chat', { storage, onError });
    storage.full = true;
    await exchange(setup, 'Hi', 'Hello');
    await exchange(setup, 'And?', 'And more');

    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]![0];
    expect(error).toMatchObject({ name: 'ChatSessionError', kind: 'session', code: 'storage' });
    expect(error.message).toBe('The chat could not be saved as "chat": The quota has been exceeded.');
    expect((error.cause as DOMException).name).toBe('QuotaExceededError');
    expect(setup.chat.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(setup.chat.getSnapshot().messages).toHaveLength(4);

    storage.full = false;
    await exchange(setup, 'Last one', 'Done');
    expect(JSON.parse(storage.getItem('chat')!).messages).toHaveLength(6);
    storage.full = true;
    await exchange(setup, 'Really?', 'Yes');
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('reads and saves with a storage that answers later (readChat); restoreChat says to use it', async () => {
    const question: ChatMessage = { id: 'q', role: 'user', content: [{ type: 'text', text: 'Hi' }] };
    const items = new Map([['chat', JSON.stringify({ messages: [question] })]]);
    // chrome.storage.local, IndexedDB: both methods answer with promises.
    const later = {
      getItem: async (key: string) => items.get(key) ?? null,
      setItem: async (key: string, value: string) => void items.set(key, value),
    };
    const onError = vi.fn<(error: ChatSessionError) => void>();
    expect(restoreChat('chat', { storage: later as unknown as ChatStorage, onError })).toEqual({});
    expect(onError.mock.calls.map(([error]) => [error.code, error.message])).toEqual([
      [
        'storage',
        'The chat saved as "chat" could not be restored: getItem returned a Promise: use readChat for a storage that answers later (chrome.storage, IndexedDB)',
      ],
    ]);

    const restored = readChat('chat', { storage: later, onError });
    expect(restored).toBeInstanceOf(Promise);
    expect((await restored).initialMessages).toEqual([question]);
    // A storage that answers at once is read at once.
    expect(readChat('chat', { storage: new MemoryStorage() })).toEqual({});

    const setup = chatOnBodies(await restored);
    persistChat(setup.chat, 'chat', { storage: later, onError });
    await exchange(setup, 'And?', 'More');
    await vi.waitFor(() => expect(JSON.parse(items.get('chat')!).messages).toHaveLength(3));
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('with a storage that answers later: writes nothing over what it holds until the chat changes', async () => {
    const question: ChatMessage = { id: 'q', role: 'user', content: [{ type: 'text', text: 'Hi' }] };
    // What persistChat wrote for a conversation of one question.
    const memory = new MemoryStorage();
    persistChat(chatOnBodies({ initialMessages: [question] }).chat, 'chat', { storage: memory })();
    const kept = memory.getItem('chat')!;
    const items = new Map([['chat', kept]]);
    const setItem = vi.fn<(key: string, value: string) => Promise<void>>(async (key, value) => {
      items.set(key, value);
    });
    const later = { getItem: async (key: string) => items.get(key) ?? null, setItem };
    // Opened as it was saved: not written again.
    const opened = chatOnBodies(await readChat('chat', { storage: later }));
    persistChat(opened.chat, 'chat', { storage: later });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(setItem).not.toHaveBeenCalled();
    // Not restored (restoreChat refused the storage): the empty chat is not saved over it.
    const blank = chatOnBodies();
    persistChat(blank.chat, 'chat', { storage: later });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(setItem).not.toHaveBeenCalled();
    expect(items.get('chat')).toBe(kept);
    // A change is saved.
    await exchange(opened, 'And?', 'More');
    await vi.waitFor(() => expect(JSON.parse(items.get('chat')!).messages).toHaveLength(3));
  });

  it('with a storage that answers later: saves a conversation changed since it was opened (openedWith) over the one it holds, not an untouched one', async () => {
    const memory = new MemoryStorage();
    const before: ChatMessage = { id: 'b', role: 'user', content: [{ type: 'text', text: 'from before' }] };
    persistChat(chatOnBodies({ initialMessages: [before] }).chat, 'chat', { storage: memory })();
    const items = new Map([['chat', memory.getItem('chat')!]]);
    const later = {
      getItem: async (key: string) => items.get(key) ?? null,
      setItem: async (key: string, value: string) => void items.set(key, value),
    };
    // A greeting nobody answered, opened while the saved conversation could not be read: not saved over it.
    const greeting: ChatMessage = { id: 'g', role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] };
    persistChat(chatOnBodies({ initialMessages: [greeting] }).chat, 'chat', { storage: later });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(items.get('chat')).toContain('from before');
    // Asked something, then cleared back to nothing or to the greeting before the read ended: not saved over it either.
    for (const opening of [[], [greeting]]) {
      const cleared = chatOnBodies({ initialMessages: opening });
      const openedWith = cleared.chat.getSnapshot().messages;
      await exchange(cleared, 'Hello', 'Hi there');
      cleared.chat.setMessages(opening.map((message) => ({ ...message })));
      persistChat(cleared.chat, 'chat', { storage: later, openedWith });
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(items.get('chat')).toContain('from before');
    }
    // Nor is the greeting when the read failed: the storage may hold a conversation all the same.
    const failing = { ...later, getItem: () => Promise.reject(new Error('The transaction was aborted')) };
    persistChat(chatOnBodies({ initialMessages: [greeting] }).chat, 'chat', {
      storage: failing,
      onError: () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(items.get('chat')).toContain('from before');
    // Asked something before the saved conversation was read (useStreamingChat keeps that one).
    const asked = chatOnBodies();
    const openedWith = asked.chat.getSnapshot().messages;
    await exchange(asked, 'Hello', 'Hi there');
    persistChat(asked.chat, 'chat', { storage: later, openedWith });
    await vi.waitFor(() =>
      expect(
        JSON.parse(items.get('chat')!).messages.map((message: ChatMessage) => firstText(message)),
      ).toEqual(['Hello', 'Hi there']),
    );
  });

  it('with a storage that answers later: saves a version made while it was read, though the answer shown is the one opened', async () => {
    const memory = new MemoryStorage();
    const first = chatOnBodies();
    persistChat(first.chat, 'chat', { storage: memory });
    await exchange(first, 'Hi', 'Hello');
    const items = new Map([['chat', memory.getItem('chat')!]]);
    let release!: () => void;
    const read = new Promise<void>((resolve) => (release = resolve));
    const later = {
      getItem: async (key: string) => (await read, items.get(key) ?? null),
      setItem: async (key: string, value: string) => void items.set(key, value),
    };
    const opened = chatOnBodies(restoreChat('chat', { storage: memory }));
    persistChat(opened.chat, 'chat', { storage: later });
    // Regenerated while the storage is read, then the first version shown again: the same messages.
    const regenerating = opened.chat.regenerate();
    await vi.waitFor(() => expect(opened.bodies).toHaveLength(1));
    opened.bodies[0]!.send(toSSE([start, blockStart, delta('Hello again'), ...textTurn.end(3)]));
    opened.bodies[0]!.close();
    await regenerating;
    opened.chat.showVersion(opened.chat.getSnapshot().messages[1]!.id, 0);
    expect(firstText(opened.chat.getSnapshot().messages[1])).toBe('Hello');
    release();
    await vi.waitFor(() => expect(items.get('chat')).toContain('Hello again'));
  });

  it('writes to a storage that answers later one at a time, so an older conversation never lands last', async () => {
    const items = new Map<string, string>();
    // A server whose writes take longer or shorter: the one in flight, then only the newest waiting.
    const landing: (() => void)[] = [];
    const setItem = vi.fn<(key: string, value: string) => Promise<void>>(
      (key, value) => new Promise((resolve) => landing.push(() => resolve(void items.set(key, value)))),
    );
    const setup = chatOnBodies();
    persistChat(setup.chat, 'chat', { storage: { getItem: () => null, setItem } });
    await exchange(setup, 'Hi', 'Hello');
    await exchange(setup, 'And?', 'And more');
    expect(setItem).toHaveBeenCalledTimes(1);
    while (landing.length > 0) {
      landing.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(setItem).toHaveBeenCalledTimes(2);
    expect(restoreMessages(JSON.parse(items.get('chat')!).messages)).toEqual(
      setup.chat.getSnapshot().messages,
    );
  });

  it('back to the conversation being written, an older one waiting is not written after it', async () => {
    const items = new Map<string, string>();
    const landing: (() => void)[] = [];
    const setItem = (key: string, value: string) =>
      new Promise<void>((resolve) => landing.push(() => resolve(void items.set(key, value))));
    const a: ChatMessage[] = [{ id: 'a', role: 'user', content: [{ type: 'text', text: 'A' }] }];
    const b: ChatMessage[] = [{ id: 'b', role: 'user', content: [{ type: 'text', text: 'B' }] }];
    const { chat } = chatOnBodies();
    persistChat(chat, 'chat', { storage: { getItem: () => null, setItem } });
    chat.setMessages(a);
    chat.setMessages(b);
    chat.setMessages(a);
    while (landing.length > 0) {
      landing.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(JSON.parse(items.get('chat')!).messages.map((message: ChatMessage) => message.id)).toEqual(['a']);
  });

  it('reports a write that a storage refuses later (a rejected Promise), once', async () => {
    const items = new Map<string, string>();
    // Read into memory before the chat starts, written through to a storage that answers later.
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => {
        items.set(key, value);
        return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
      },
    };
    const onError = vi.fn<(error: ChatSessionError) => void>();
    const setup = chatOnBodies();
    const stop = persistChat(setup.chat, 'chat', { storage, onError });
    await exchange(setup, 'Hi', 'Hello');
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    await exchange(setup, 'And?', 'And more');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].message).toBe(
      'The chat could not be saved as "chat": QUOTA_BYTES quota exceeded',
    );
    stop();
  });

  it('an onError that throws is reported, and the chat goes on being saved', async () => {
    const items = new Map<string, string>();
    let refuse = true;
    const storage = {
      getItem: () => null,
      setItem: (key: string, value: string) => {
        if (refuse) return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
        items.set(key, value);
        return Promise.resolve();
      },
    };
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const bug = new Error('toast helper bug');
    const setup = chatOnBodies();
    const stop = persistChat(setup.chat, 'chat', {
      storage,
      onError: () => {
        throw bug;
      },
    });
    await exchange(setup, 'Hi', 'Hello');
    await vi.waitFor(() => expect(reported).toEqual([bug]));
    refuse = false;
    // Before: the refused write was never let go of, so nothing was saved again (2 messages of 6).
    await exchange(setup, 'And?', 'And more');
    await exchange(setup, 'Last?', 'Yes');
    await vi.waitFor(() => expect(JSON.parse(items.get('chat') ?? '{}').messages).toHaveLength(6));
    stop();
    vi.unstubAllGlobals();
  });

  it('restores nothing, and says why, from what is not a saved conversation', () => {
    const cases: [string, string][] = [
      ['{"messages": [', 'JSON'],
      ['"hello"', 'It holds no messages'],
      ['{"messages": [{"role": "user", "content": []}]}', 'Message 0 is not a message'],
      [
        JSON.stringify({ messages: [], versions: { places: 'all of them' } }),
        'initialVersions must be what exportVersions() returned',
      ],
    ];
    for (const [text, reason] of cases) {
      const storage = new MemoryStorage();
      storage.setItem('chat', text);
      const onError = vi.fn<(error: ChatSessionError) => void>();
      expect(restoreChat('chat', { storage, onError })).toEqual({});
      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toMatchObject({ code: 'storage' });
      expect(error.message).toMatch(
        /^The chat saved as "chat" could not be restored \(its text is kept as "chat:unreadable"\): /u,
      );
      expect(error.message).toContain(reason);
      expect(error.cause).toBeInstanceOf(Error);
      // The next save writes over the key: what could not be read is kept beside it.
      persistChat(createChatSession({ api: '/api/chat' }), 'chat', { storage })();
      expect(storage.getItem('chat:unreadable')).toBe(text);
      expect(JSON.parse(storage.getItem('chat')!)).toMatchObject({ messages: [] });
    }
  });

  it('says when even the copy of an unreadable chat could not be kept (a full storage)', () => {
    const full: ChatStorage = {
      getItem: () => '{"messages": [',
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const onError = vi.fn<(error: ChatSessionError) => void>();
    expect(restoreChat('chat', { storage: full, onError })).toEqual({});
    expect(onError.mock.calls[0]![0].message).toMatch(/^The chat saved as "chat" could not be restored: /u);
  });

  it('restores nothing from a storage that is empty, blocked, or missing', () => {
    const onError = vi.fn<(error: ChatSessionError) => void>();
    expect(restoreChat('chat', { storage: new MemoryStorage(), onError })).toEqual({});
    expect(onError).not.toHaveBeenCalled();
    // Outside a browser there is no sessionStorage: nothing to restore, nothing to say.
    expect(globalThis.sessionStorage).toBeUndefined();
    expect(restoreChat('chat', { onError })).toEqual({});
    expect(onError).not.toHaveBeenCalled();

    const blocked: ChatStorage = {
      getItem: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
      setItem: () => undefined,
    };
    expect(restoreChat('chat', { storage: blocked, onError })).toEqual({});
    expect(onError.mock.calls[0]![0].message).toContain('Access is denied');
  });

  it('lets a session start from whatever the storage holds', () => {
    const message = fc.record({
      id: fc.oneof(fc.string(), fc.integer()),
      role: fc.constantFrom('user', 'assistant', 'system'),
      status: fc.constantFrom('streaming', 'complete', 'error', 'aborted', undefined),
      content: fc.oneof(fc.array(fc.record({ type: fc.string(), text: fc.string() })), fc.string()),
      streamId: fc.option(fc.string(), { nil: undefined }),
      error: fc.option(fc.record({ name: fc.string(), kind: fc.string(), message: fc.string() }), {
        nil: undefined,
      }),
    });
    const place = fc.record({
      after: fc.option(fc.string()),
      versions: fc.array(fc.array(message, { maxLength: 2 }), { maxLength: 3 }),
      shown: fc.integer({ min: -1, max: 3 }),
    });
    const versions = fc.option(
      fc.oneof(fc.json(), fc.record({ places: fc.array(place, { maxLength: 2 }) })),
      {
        nil: undefined,
      },
    );
    const stored = fc.oneof(
      fc.json(),
      fc
        .record({ messages: fc.array(message, { maxLength: 5 }), versions })
        .map((chat) => JSON.stringify(chat)),
      fc.string(),
    );
    fc.assert(
      fc.property(stored, (text) => {
        const storage = new MemoryStorage();
        storage.setItem('chat', text);
        const restored = restoreChat('chat', { storage, onError: () => undefined });
        const chat = createChatSession(restored);
        expect(chat.getSnapshot().messages).toHaveLength(restored.initialMessages?.length ?? 0);
      }),
      { numRuns: Number(process.env['RUNS'] ?? 300) },
    );
  });

  it('checks its options where it is called', () => {
    const chat = createChatSession();
    expect(() => persistChat(chat, 'chat', { intervalMs: Number.NaN })).toThrow(
      new RangeError('intervalMs must be a number ≥ 0, got NaN'),
    );
    expect(() => restoreChat('chat', { onError: 'log' as never })).toThrow(TypeError);
  });
});
