import { readMessageStream, streamMessage } from '@chatstream/reader';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { scenario } from '../builder.ts';
import { contentScenarios } from '../catalogue-content.ts';
import { faultScenarios } from '../catalogue-faults.ts';
import { planResponse } from '../plan-response.ts';
import type { TimingOptions } from '../timing.ts';
import { png } from '../test/image-headers.ts';
import { type ChatHandlersOptions, createChatHandlers } from './chat-handlers.ts';
import { STREAMS_KEY, type StreamStorage } from './kept-streams.ts';

const URL = 'http://localhost:5173/api/chat';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** `sessionStorage` in a Map, which can be made full as a browser's quota makes it. */
class MapStorage implements StreamStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** The handlers of a page sharing `storage` with the pages before it; the newest page answers. */
function openPage(storage: StreamStorage, options: ChatHandlersOptions = {}) {
  const page = createChatHandlers({ timing: 'instant', resume: { storage }, ...options });
  server.use(...page.handlers);
  return page;
}

const bodyOf = (content: unknown) => ({ messages: [{ role: 'user', content }] });

function post(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** The response's headers, and its request aborted after the first `chunks` chunks of its body. */
async function abortAfter(chunks: number, body: unknown, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await post(body, headers, controller.signal);
  const reader = response.body!.getReader();
  for (let i = 0; i < chunks; i++) await reader.read();
  controller.abort();
  await reader.read().catch(() => undefined);
  return response.headers;
}

/** Starts an answer and leaves after its first chunks, as a page that reloads does (no cancel). */
async function leaveMidAnswer(body: unknown): Promise<string> {
  return (await abortAfter(2, body)).get('chatstream-stream-id')!;
}

/** A resume of stream `id` from its start, answered as a plain `Response`. */
const resumeOf = (id: string): Promise<Response> => post(undefined, { 'chatstream-resume': id });

/** What `session.reconnect()` sends for a restored answer: no body, the stream's id, no Last-Event-ID. */
function reconnect(id: string) {
  return streamMessage({ url: URL, headers: { 'chatstream-resume': id } }, { retry: false });
}

/** A `pick` that answers "Echo: words" with the words. */
function echo(body: unknown) {
  const content = (body as { messages?: { content?: unknown }[] } | null)?.messages?.at(-1)?.content;
  return typeof content === 'string' && content.startsWith('Echo: ')
    ? scenario('echo').text(content.slice(6)).stop('end_turn')
    : undefined;
}

async function notFound(response: Response): Promise<unknown> {
  expect(response.status).toBe(404);
  return ((await response.json()) as { error: unknown }).error;
}

describe('createChatHandlers with resume: { storage } (a reload mid-answer)', () => {
  it("lets the next page's handlers read on a stream the page before started: the whole answer, each delta once", async () => {
    const storage = new MapStorage();
    const before = openPage(storage);
    const id = await leaveMidAnswer(bodyOf('Tell me more [scenario:longAnswer]'));
    await before.settled();
    expect(before.requests[0]).toMatchObject({ scenario: 'longAnswer', outcome: 'aborted' });

    const after = openPage(storage);
    const stream = reconnect(id);
    let text = '';
    stream.on('text', (delta) => (text += delta));
    expect(await stream.finalMessage()).toEqual(contentScenarios.longAnswer.expectedMessage);
    expect(text).toBe(contentScenarios.longAnswer.expectedText);
    expect(stream.response?.headers.get('chatstream-stream-id')).toBe(id);
    await after.settled();
    expect(after.requests).toMatchObject([
      { scenario: 'longAnswer', status: 200, completed: true, headers: { 'chatstream-resume': id } },
    ]);
  });

  it('keeps a stream served to its end for a minute more, as the relay does, then forgets it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const storage = new MapStorage();
    openPage(storage);
    const id = await leaveMidAnswer(bodyOf('Hello [scenario:basic]'));
    vi.setSystemTime(start + 10_000);
    const page = openPage(storage);
    expect(await reconnect(id).finalText()).toBe(contentScenarios.basic.expectedText);
    await page.settled();
    // A page reloaded as the answer ended may not have saved its end: it reads it again.
    vi.setSystemTime(start + 69_000);
    expect(await reconnect(id).finalText()).toBe(contentScenarios.basic.expectedText);
    vi.setSystemTime(start + 71_000);
    expect(await notFound(await resumeOf(id))).toMatchObject({
      type: 'not_found_error',
    });
    // The next stream kept clears the list of what expired.
    const next = await leaveMidAnswer(bodyOf('Hello [scenario:basic]'));
    expect(JSON.parse(storage.getItem(STREAMS_KEY)!)).toEqual([next]);
    expect([...storage.items.keys()].toSorted()).toEqual([`chatstream-mocks:stream:${next}`, STREAMS_KEY]);
  });

  it("reads on after Last-Event-ID when the connection drops and the next page's handlers answer", async () => {
    const storage = new MapStorage();
    const before = openPage(storage);
    before.use(faultScenarios.droppedConnection);
    let after: ReturnType<typeof openPage> | undefined;
    const stream = streamMessage({ url: URL, body: bodyOf('Hi') }, { retry: false });
    stream.on('connect', () => (after = openPage(storage)));
    let text = '';
    stream.on('text', (delta) => (text += delta));
    expect(await stream.finalMessage()).toEqual(contentScenarios.longAnswer.expectedMessage);
    expect(text).toBe(contentScenarios.longAnswer.expectedText);
    await before.settled();
    expect(before.requests).toMatchObject([{ scenario: 'droppedConnection', outcome: 'dropped' }]);
    expect(after?.requests).toHaveLength(1);
    const resumed = after?.requests[0];
    expect(resumed).toMatchObject({ scenario: 'droppedConnection', completed: true });
    expect(resumed?.headers['chatstream-resume']).toBe(stream.response?.headers.get('chatstream-stream-id'));
    expect(Number(resumed?.headers['last-event-id'])).toBeGreaterThan(0);
  });

  it('reads a kept stream with readMessageStream too, and keeps the attempt that failFirst counts', async () => {
    const storage = new MapStorage();
    const flaky = scenario('flaky').text('Third time lucky.').stop('end_turn');
    const before = openPage(storage, { scenario: flaky });
    expect((await post(bodyOf('Hi'))).status).toBe(200);
    const id = await leaveMidAnswer(bodyOf('Hi again'));
    expect(before.requests.map((request) => request.attempt)).toEqual([0, 1]);

    const after = openPage(storage, { scenario: flaky });
    const response = await resumeOf(id);
    expect(await readMessageStream(response).finalText()).toBe('Third time lucky.');
    expect(after.requests[0]).toMatchObject({ scenario: 'flaky', attempt: 1 });
  });

  it('keeps the request of a scenario the catalogue cannot name, and picks it again from it', async () => {
    const storage = new MapStorage();
    const photo = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png(640, 480) } };
    const body = bodyOf([photo, { type: 'text', text: 'What is this?' }]);
    openPage(storage);
    const expected = (await readMessageStream(await post(body)).finalMessage()).content;
    const id = await leaveMidAnswer(body);
    expect(JSON.parse(storage.getItem(`chatstream-mocks:stream:${id}`)!)).toMatchObject({
      scenario: 'attachments',
      body: JSON.stringify(body),
    });
    openPage(storage);
    expect((await reconnect(id).finalMessage()).content).toEqual(expected);
  });

  it('picks an answer built from the request (the pick option) again from the kept request', async () => {
    const storage = new MapStorage();
    openPage(storage, { pick: echo });
    const id = await leaveMidAnswer(bodyOf('Echo: the same words, after a reload'));
    openPage(storage, { pick: echo });
    expect(await reconnect(id).finalText()).toBe('the same words, after a reload');
  });

  it('resumes a continued answer (a prefill) as its continuation, after a reload too', async () => {
    const storage = new MapStorage();
    openPage(storage);
    const full = contentScenarios.longAnswer.expectedText;
    const partial = full.slice(0, 150).trimEnd();
    const id = await leaveMidAnswer({
      messages: [
        { role: 'user', content: 'Explain [scenario:longAnswer]' },
        { role: 'assistant', content: partial },
      ],
    });
    openPage(storage);
    expect(partial + (await reconnect(id).finalText())).toBe(full);
  });

  it('keeps only the name of a catalogue scenario, and no body', async () => {
    const storage = new MapStorage();
    openPage(storage);
    const id = await leaveMidAnswer(bodyOf('Hello [scenario:basic]'));
    const stored = JSON.parse(storage.getItem(`chatstream-mocks:stream:${id}`)!) as Record<string, unknown>;
    expect(stored).toEqual({
      scenario: 'basic',
      attempt: 0,
      startedAt: expect.any(Number),
      until: (stored['startedAt'] as number) + 5 * 60_000,
    });
    expect(JSON.parse(storage.getItem(STREAMS_KEY)!)).toEqual([id]);
  });

  it('answers with a 404 when the stream is unknown, its record unreadable, expired, or would be another answer', async () => {
    const storage = new MapStorage();
    const custom = scenario('custom').text('Only this page serves me.').stop('end_turn');
    const before = openPage(storage);
    before.use(custom);
    const id = await leaveMidAnswer(bodyOf('Hi'));
    // The next page no longer uses `custom`: picked again from the request, it would be another answer.
    openPage(storage);
    expect(await notFound(await resumeOf(id))).toEqual({
      type: 'not_found_error',
      message: `No stream ${JSON.stringify(id)} to resume here.`,
    });
    expect(await notFound(await resumeOf('stream_unknown'))).toMatchObject({ type: 'not_found_error' });

    const now = Date.now();
    const fine = { scenario: 'basic', attempt: 0, startedAt: now - 60_000, until: now + 60_000 };
    const records = {
      stream_corrupt: '{"scenario":"basic",',
      stream_null: 'null',
      stream_noScenario: JSON.stringify({ ...fine, scenario: undefined }),
      stream_badAttempt: JSON.stringify({ ...fine, attempt: -1 }),
      stream_noUntil: JSON.stringify({ ...fine, until: undefined }),
      stream_badBody: JSON.stringify({ ...fine, body: 7 }),
      stream_notInCatalogue: JSON.stringify({ ...fine, scenario: 'weather' }),
      stream_expired: JSON.stringify({ ...fine, until: now - 1000 }),
    };
    const answered: Record<string, number> = {};
    for (const [stream, text] of Object.entries(records)) {
      storage.setItem(`chatstream-mocks:stream:${stream}`, text);
      answered[stream] = (await resumeOf(stream)).status;
    }
    expect(answered).toEqual(Object.fromEntries(Object.keys(records).map((stream) => [stream, 404])));
    storage.setItem('chatstream-mocks:stream:stream_fine', JSON.stringify(fine));
    expect((await resumeOf('stream_fine')).status).toBe(200);
  });

  it('forgets a cancelled stream, and keeps at most 8, the newest', async () => {
    const storage = new MapStorage();
    openPage(storage);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await leaveMidAnswer(bodyOf('Hello [scenario:basic]')));
    expect(new Set(ids).size).toBe(10);
    expect(JSON.parse(storage.getItem(STREAMS_KEY)!)).toEqual(ids.slice(2));
    expect(storage.items.size).toBe(9);
    expect((await resumeOf(ids[0]!)).status).toBe(404);

    const cancel = await post(undefined, { 'chatstream-cancel': ids[9]! });
    expect(cancel.status).toBe(204);
    expect(storage.getItem(`chatstream-mocks:stream:${ids[9]}`)).toBeNull();
    expect((await resumeOf(ids[9]!)).status).toBe(404);
    expect((await resumeOf(ids[8]!)).status).toBe(200);
  });

  it('streams all the same when the storage is full, only not after a reload', async () => {
    const storage = new MapStorage();
    storage.full = true;
    const page = openPage(storage);
    const response = await post(bodyOf('Hello [scenario:basic]'));
    const id = response.headers.get('chatstream-stream-id');
    expect(await readMessageStream(response).finalText()).toBe(contentScenarios.basic.expectedText);
    expect(id).toMatch(/^stream_01/u);
    expect((await resumeOf(id!)).status).toBe(404);
    await page.settled();
    expect(storage.items.size).toBe(0);
  });

  it("with resume: true, streams stay in each handlers' memory, and a resume keeps its own pace", async () => {
    const before = createChatHandlers({ timing: 'instant', resume: true });
    server.use(...before.handlers);
    const id = (await abortAfter(1, bodyOf('Hello [scenario:basic]'))).get('chatstream-stream-id')!;
    const again = await abortAfter(0, undefined, { 'chatstream-resume': id });
    expect(again.get('chatstream-stream-id')).toBe(id);
    // Its own pace: nothing was generated while it was away, so nothing it sends is a replay.
    expect(again.get('chatstream-replay')).toBe('0');

    server.use(...createChatHandlers({ timing: 'instant', resume: true }).handlers);
    expect((await resumeOf(id)).status).toBe(404);
  });
});

describe('a resumed stream catches up with the time it was away', () => {
  const steady: TimingOptions = { timeToFirstToken: 600, tokensPerSecond: 20, jitter: 0, pingInterval: 0 };
  const answer = contentScenarios.longAnswer;
  /** When each event is due, in ms from the stream's start. */
  const dueTimes = (timing: TimingOptions | 'instant'): number[] => {
    let due = 0;
    return planResponse(answer, { timing, resumable: true }).chunks.map((chunk) => (due += chunk.delay));
  };

  it('sends the events due by then at once, then each at its time since the start', () => {
    const due = dueTimes(steady);
    const elapsed = 1500;
    const plan = planResponse(answer, { timing: steady, resumable: { after: 2, elapsed } });
    const ready = due.filter((time) => time <= elapsed).length;
    expect(ready).toBeGreaterThan(2);
    expect(ready).toBeLessThan(due.length);
    expect(plan.headers['chatstream-replay']).toBe(String(ready));
    let clock = elapsed;
    const sentAt = plan.chunks.map((chunk) => (clock += chunk.delay));
    expect(sentAt).toEqual(due.slice(2).map((time) => Math.max(time, elapsed)));
    expect(plan.chunks.slice(0, ready - 2).every((chunk) => chunk.delay === 0)).toBe(true);
    // The bytes are those of a resume without catching up.
    const paced = planResponse(answer, { timing: steady, resumable: { after: 2 } });
    expect(plan.chunks.map((chunk) => chunk.bytes)).toEqual(paced.chunks.map((chunk) => chunk.bytes));
    expect(paced.headers['chatstream-replay']).toBe('2');
  });

  it('sends everything at once once the whole answer was due, and instant timing is always due', () => {
    const total = dueTimes(steady).at(-1)!;
    const late = planResponse(answer, { timing: steady, resumable: { after: 0, elapsed: total } });
    expect(late.chunks.every((chunk) => chunk.delay === 0)).toBe(true);
    expect(late.headers['chatstream-replay']).toBe(String(late.chunks.length));
    const instant = planResponse(answer, { timing: 'instant', resumable: { after: 0, elapsed: 0 } });
    expect(instant.headers['chatstream-replay']).toBe(String(dueTimes('instant').length));
  });

  it('counts from when the page before started the stream (Date.now), not from the resume', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-12-06T10:00:00Z').getTime();
    vi.setSystemTime(start);
    const storage = new MapStorage();
    openPage(storage, { timing: steady });
    const id = await leaveMidAnswer(bodyOf('Tell me more [scenario:longAnswer]'));

    const resumeAfter = async (elapsed: number): Promise<string | null> => {
      vi.setSystemTime(start + elapsed);
      openPage(storage, { timing: steady });
      return (await abortAfter(0, undefined, { 'chatstream-resume': id })).get('chatstream-replay');
    };
    const due = dueTimes(steady);
    expect(await resumeAfter(0)).toBe(String(due.filter((time) => time <= 0).length));
    expect(await resumeAfter(2000)).toBe(String(due.filter((time) => time <= 2000).length));
    expect(await resumeAfter(due.at(-1)!)).toBe(String(due.length));
  });

  it('refuses a negative elapsed time', () => {
    expect(() => planResponse(answer, { resumable: { after: 0, elapsed: -1 } })).toThrow(
      new RangeError('resumable.elapsed must be a number ≥ 0, got -1'),
    );
  });
});

describe('resume option checks', () => {
  it.each([
    ['a string', 'yes', 'resume must be a boolean or { storage }, got "yes"'],
    ['null', null, 'resume must be a boolean or { storage }, got null'],
    [
      'no storage',
      {},
      'resume.storage must be a storage such as sessionStorage (getItem, setItem, removeItem), got undefined',
    ],
    [
      'a storage without removeItem',
      { storage: { getItem: () => null, setItem: () => undefined } },
      'resume.storage must be a storage such as sessionStorage (getItem, setItem, removeItem), got an object without removeItem',
    ],
    [
      'a Map',
      { storage: new Map() },
      'resume.storage must be a storage such as sessionStorage (getItem, setItem, removeItem), got an object without getItem, setItem, removeItem',
    ],
  ])('refuses %s', (_, resume, message) => {
    expect(() => createChatHandlers({ resume: resume as never })).toThrow(new TypeError(message));
  });

  it('takes true, false and a storage', () => {
    for (const resume of [true, false, { storage: new MapStorage() }]) {
      expect(() => createChatHandlers({ resume })).not.toThrow();
    }
  });
});
