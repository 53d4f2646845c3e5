import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMockResponse, encodeSSE, type MockScenario, scenarios } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import { streamMessage } from '../fetch/stream-message.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';

// A page keeps one session open for hours: what it no longer shows must be collectable. These tests
// hold weak references and run a full collection (the flag makes `gc` available to a new context).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * How many targets are still alive after collecting garbage between macrotasks (a weak reference
 * holds its target until the job that made it is over, and a finished stream's last callbacks may
 * still be queued on a loaded machine) for up to half a second. A leak outlasts every round.
 */
async function collected(refs: readonly WeakRef<object>[]): Promise<number> {
  let alive = refs.length;
  for (let round = 0; round < 50 && alive > 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    alive = refs.filter((ref) => ref.deref() !== undefined).length;
  }
  return alive;
}

const answering = (scenario: MockScenario) => async (): Promise<Response> =>
  createMockResponse(scenario, { timing: 'instant' });

/** Holds a conversation of `turns` questions and answers; returns weak references to all of it. */
async function converse(chat: ChatSession, turns: number): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let turn = 0; turn < turns; turn++) {
    await chat.send(`Question ${turn}`);
    for (const message of chat.getSnapshot().messages.slice(-2)) {
      // The message, its blocks, and the API message an answer keeps beside them.
      refs.push(new WeakRef(message), new WeakRef(message.content));
      if (message.message) refs.push(new WeakRef(message.message));
    }
  }
  return refs;
}

/** Regenerates the last answer; returns weak references to the answer it replaced and its content. */
async function regenerateLast(chat: ChatSession): Promise<WeakRef<object>[]> {
  const answer = chat.getSnapshot().messages.at(-1)!;
  await chat.regenerate(answer.id);
  expect(chat.getSnapshot().messages.at(-1)?.id).not.toBe(answer.id);
  return [new WeakRef(answer), new WeakRef(answer.content)];
}

/** Streams `count` messages one after another with one signal; returns weak references to the streams. */
async function streamAll(signal: AbortSignal, count: number): Promise<WeakRef<object>[]> {
  const refs: WeakRef<object>[] = [];
  for (let index = 0; index < count; index++) {
    const stream = streamMessage(
      { url: 'http://chat.test/api/chat', body: {} },
      { signal, fetch: answering(scenarios.toolUse), retry: false },
    );
    refs.push(new WeakRef(stream));
    await stream.finalMessage();
  }
  return refs;
}

/** A body that sends the start of an answer, then fails as a network does, from code that holds `state`. */
const dropping = (state: object): Response => {
  const fail = (): Error => new TypeError(`network error (${Object.keys(state).length})`);
  const start = new TextEncoder().encode(encodeSSE(scenarios.basic.events.slice(0, 3)));
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(start),
    pull: (controller) => controller.error(fail()),
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
};

const newSession = (): ChatSession =>
  createChatSession({ fetch: answering(scenarios.basic), throttle: false, retry: false });

describe('memory over a long conversation', () => {
  it('lets go of every message and answer once the conversation is cleared, the session still open', async () => {
    const chat = newSession();
    const refs = await converse(chat, 40);
    expect(chat.getSnapshot().messages).toHaveLength(80);
    chat.clear();
    expect(await collected(refs)).toBe(0);
    // Still usable, and still holding only what it shows.
    await chat.send('One more');
    expect(chat.getSnapshot().messages).toHaveLength(2);
  });

  it('keeps the answers regenerate replaced as versions, and lets go of them on clear or setMessages', async () => {
    const chat = newSession();
    await chat.send('Hello');
    const first = await regenerateLast(chat);
    // A version the conversation can still show is kept, of course.
    expect(await collected(first)).toBe(2);
    chat.clear();
    expect(await collected(first)).toBe(0);
    await chat.send('Hello again');
    const second = await regenerateLast(chat);
    chat.setMessages((messages) => messages.slice(0, 1));
    expect(await collected(second)).toBe(0);
  });

  it('releases every finished stream although the signal they shared lives on', async () => {
    const page = new AbortController();
    expect(await collected(await streamAll(page.signal, 30))).toBe(0);
    expect(page.signal.aborted).toBe(false);
  });

  it('keeps of a failed answer its error and what arrived, not the request that failed', async () => {
    // Each request carries the whole conversation: kept per failed answer, memory would grow with the
    // square of its length.
    const responses: WeakRef<object>[] = [];
    const chat = createChatSession({
      fetch: async () => {
        const response = createMockResponse(scenarios.overloadedMidStream, { timing: 'instant' });
        responses.push(new WeakRef(response));
        return response;
      },
      throttle: false,
      retry: false,
    });
    for (let turn = 0; turn < 6; turn++) await chat.send(`Question ${turn}`);
    const failed = chat.getSnapshot().messages.filter((message) => message.error);
    expect(failed).toHaveLength(6);
    expect(failed.every((message) => message.error?.kind === 'stream-event')).toBe(true);
    // The last one stays: Retry reads on at the relay its headers name.
    expect(await collected(responses.slice(0, -1))).toBe(0);
  });

  it('keeps nothing the failing code held through the cause of a dropped connection', async () => {
    const held: WeakRef<object>[] = [];
    const chat = createChatSession({
      fetch: async () => {
        const state = { connection: 'the request and everything around it' };
        held.push(new WeakRef(state));
        return dropping(state);
      },
      throttle: false,
      retry: false,
    });
    for (let turn = 0; turn < 6; turn++) await chat.send(`Question ${turn}`);
    const failed = chat.getSnapshot().messages.filter((message) => message.error);
    expect(failed.map((message) => message.error?.kind)).toEqual(Array(6).fill('connection'));
    expect(await collected(held)).toBe(0);
  });
});
