import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { type MessageStreamState, MessageStreamStore } from './message-stream-store.ts';

afterEach(() => vi.unstubAllGlobals());

const request = { url: 'https://api.chatstream.test/v1/messages', body: { max_tokens: 1024, messages: [] } };
const whole = toSSE(transcripts['text']!);
/** Where the transcript's first text delta is. */
const cut = whole.indexOf('content_block_delta');

/** A store whose one response the test writes by hand, and the states its listeners saw. */
function setup(options: ConstructorParameters<typeof MessageStreamStore>[0] = {}): {
  store: MessageStreamStore;
  body: ReturnType<typeof controlledBody>;
  seen: MessageStreamState[];
} {
  const body = controlledBody();
  const store = new MessageStreamStore({
    fetch: async () => sseResponse(body.body),
    retry: false,
    ...options,
  });
  const seen: MessageStreamState[] = [];
  store.subscribe(() => seen.push(store.getSnapshot()));
  return { store, body, seen };
}

describe('MessageStreamStore', () => {
  it('publishes submitted and streaming at once, tokens once per slot, and the end with the whole text', async () => {
    const slots: (() => void)[] = [];
    const { store, body, seen } = setup({
      throttle: (flush) => {
        slots.push(flush);
        return () => slots.splice(slots.indexOf(flush), 1);
      },
    });
    const done = store.start(request);
    expect(store.getSnapshot().status).toBe('submitted');
    body.send(whole.slice(0, cut + 200));
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('streaming'));
    const streaming = seen.length;
    body.send(whole.slice(cut + 200, whole.length - 300));
    await vi.waitFor(() => expect(slots).toHaveLength(1));
    // Tokens wait for their slot: listeners heard nothing since the move to streaming.
    expect(seen).toHaveLength(streaming);
    slots[0]!();
    expect(seen).toHaveLength(streaming + 1);
    expect(store.getSnapshot().text.length).toBeGreaterThan(0);
    body.send(whole.slice(whole.length - 300));
    body.close();
    await done;
    const end = store.getSnapshot();
    expect(end.status).toBe('complete');
    expect(end.text).toBe('Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".');
    expect(end.message?.stop_reason).toBe('end_turn');
    // The same object until something changes.
    expect(store.getSnapshot()).toBe(end);
  });

  it('joins its text as finalText() does: a blank line before text that follows a search', async () => {
    const body = controlledBody(toSSE(transcripts['serverTools']!));
    body.close();
    const store = new MessageStreamStore({
      fetch: async () => sseResponse(body.body),
      retry: false,
      throttle: false,
    });
    await store.start(request);
    expect(store.getSnapshot().text).toBe("I'll search for that.\n\nIt is sunny.");
  });

  it('reports a throwing onFinish as uncaught, and start() still resolves', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const boom = new Error('boom');
    const { store, body } = setup({
      throttle: false,
      onFinish: () => {
        throw boom;
      },
    });
    const done = store.start(request);
    body.send(whole);
    body.close();
    await expect(done).resolves.toBeUndefined();
    expect(reported).toEqual([boom]);
  });

  it('a listener that throws is reported; the others hear every change and the answer ends', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const boom = new Error('listener boom');
    const onFinish = vi.fn<() => void>();
    const body = controlledBody();
    const store = new MessageStreamStore({
      fetch: async () => sseResponse(body.body),
      retry: false,
      throttle: false,
      onFinish,
    });
    let thrown = false;
    store.subscribe(() => {
      if (thrown) return;
      thrown = true;
      throw boom;
    });
    const heard: string[] = [];
    store.subscribe(() => heard.push(store.getSnapshot().status));
    // Before: start() rejected with the listener's error, the store stayed `submitted` for good and
    // the second listener and onFinish heard nothing of an answer streamed and paid for.
    const done = store.start(request);
    body.send(whole);
    body.close();
    await expect(done).resolves.toBeUndefined();
    expect(heard[0]).toBe('submitted');
    expect(heard.at(-1)).toBe('complete');
    expect(onFinish).toHaveBeenCalledOnce();
    expect(reported).toEqual([boom]);
  });

  it('a request no fetch can make fails like any other (setup), heard by onError, not a rejection', async () => {
    const onError = vi.fn<() => void>();
    const { store, body, seen } = setup({ throttle: false, onError });
    const first = store.start(request);
    body.send(whole);
    body.close();
    await first;
    expect(store.getSnapshot().status).toBe('complete');
    // Before: start() rejected with a TypeError and the last answer stayed on show, `complete`.
    await expect(store.start({ ...request, headers: { 'x-user': 'Zoë 🙂' } })).resolves.toBeUndefined();
    const state = store.getSnapshot();
    expect(state).toMatchObject({ status: 'error', message: undefined, text: '' });
    expect(state.error).toMatchObject({ kind: 'session', code: 'setup' });
    expect(onError).toHaveBeenCalledWith(state.error);
    expect(seen.at(-1)).toBe(state);
  });

  it('a new start aborts the stream in progress; the old one publishes nothing more', async () => {
    const first = controlledBody(toSSE(transcripts['text']!.slice(0, 4)));
    const second = controlledBody(whole);
    second.close();
    const bodies = [first, second];
    const store = new MessageStreamStore({
      fetch: async () => sseResponse(bodies.shift()!.body),
      retry: false,
      throttle: false,
    });
    const firstDone = store.start(request);
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('streaming'));
    await store.start(request);
    await firstDone;
    expect(first.cancelled).toBe(true);
    expect(store.getSnapshot().status).toBe('complete');
    expect(store.getSnapshot().text).toBe('Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".');
  });
});

describe('MessageStreamStore: a stream started as the last one ends', () => {
  it('from a listener of the end: the first one still has its onFinish', async () => {
    const finished: string[] = [];
    const bodies = [controlledBody(whole), controlledBody(whole)];
    for (const body of bodies) body.close();
    const store = new MessageStreamStore({
      fetch: async () => sseResponse(bodies.shift()!.body),
      retry: false,
      throttle: false,
      onFinish: (message) => finished.push(message.id),
    });
    let next: Promise<void> | undefined;
    store.subscribe(() => {
      if (store.getSnapshot().status === 'complete' && !next) next = store.start(request);
    });
    await store.start(request);
    await next;
    expect(finished).toEqual(['msg_text', 'msg_text']);
  });

  it('while its end waits for the next frame: listeners hear it complete first', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const runFrame = (): void => frames.splice(0).forEach((callback) => callback(performance.now()));
    const first = controlledBody();
    const second = controlledBody();
    const bodies = [first, second];
    const finished: string[] = [];
    const store = new MessageStreamStore({
      fetch: async () => sseResponse(bodies.shift()!.body),
      retry: false,
      onFinish: (message) => finished.push(message.id),
    });
    const statuses: string[] = [];
    store.subscribe(() => statuses.push(store.getSnapshot().status));
    const firstDone = store.start(request);
    first.send(whole.slice(0, cut + 200));
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('streaming'));
    first.send(whole.slice(cut + 200, whole.length - 300));
    // A batch published in this frame: the end waits for the next one.
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    runFrame();
    first.send(whole.slice(whole.length - 300));
    first.close();
    // Lets the reader take in the end (a few macrotasks; nothing is timed): it waits for a frame.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statuses.at(-1)).toBe('streaming');
    expect(finished).toEqual([]);
    const secondDone = store.start(request);
    expect(statuses.slice(-2)).toEqual(['complete', 'submitted']);
    second.send(whole);
    second.close();
    await Promise.all([firstDone, secondDone]);
    expect(finished).toEqual(['msg_text', 'msg_text']);
  });
  it('stop() resolves once the stop is published: the state says aborted, with the text so far', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const { store, body } = setup({ throttle: 'frame' });
    void store.start(request);
    body.send(whole.slice(0, cut + 200));
    await vi.waitFor(() => expect(store.getSnapshot().status).toBe('streaming'));
    body.send(whole.slice(cut + 200, whole.length - 300));
    // A batch published in this frame: the end waits for the next one.
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    frames.splice(0).forEach((callback) => callback(performance.now()));
    // What the app reads the moment stop() resolves.
    const stopped = store.stop().then(() => store.getSnapshot());
    // Lets the reader take in the stop (a few macrotasks; nothing is timed): its end waits for a frame.
    await new Promise((resolve) => setTimeout(resolve, 20));
    frames.splice(0).forEach((callback) => callback(performance.now()));
    expect(await stopped).toMatchObject({ status: 'aborted', text: expect.stringMatching(/^Hel/u) });
  });
});
