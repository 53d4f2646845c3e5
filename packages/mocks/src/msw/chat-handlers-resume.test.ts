import { ConnectionError, streamMessage } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentScenarios } from '../catalogue-content.ts';
import { faultScenarios } from '../catalogue-faults.ts';
import { setupChatServer } from '../node.ts';
import { planResponse } from '../plan-response.ts';
import { createChatHandlers } from './chat-handlers.ts';

const URL = 'http://localhost:5173/api/chat';
const chat = setupChatServer({ timing: 'instant', resume: true });

beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  chat.reset();
  chat.server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => chat.server.close());

const body = { messages: [{ role: 'user', content: 'Hi' }] };
const decoder = new TextDecoder();
const textOf = (plan: ReturnType<typeof planResponse>): string =>
  plan.chunks.map((chunk) => decoder.decode(chunk.bytes)).join('');

/** The response to `headers`, read to its end or left after its first chunk (no cancel). */
async function request(headers: Record<string, string>, readToEnd: boolean): Promise<Response> {
  const controller = new AbortController();
  const response = await fetch(URL, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  if (readToEnd) while (!(await reader.read()).done);
  else {
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
  }
  await chat.settled();
  return response;
}

const startStream = async (readToEnd: boolean): Promise<string> =>
  (await request({}, readToEnd)).headers.get('chatstream-stream-id')!;

/** The status of a resume of stream `id` from its start, read to its end only when `readToEnd`. */
const resumeStatus = async (id: string, readToEnd = false): Promise<number> =>
  (await request({ 'chatstream-resume': id }, readToEnd)).status;

const cancelStatus = async (id: string): Promise<number> =>
  (await fetch(URL, { method: 'POST', headers: { 'chatstream-cancel': id } })).status;

describe('createChatHandlers with resume (the relay with resume on, in MSW)', () => {
  it('lets a client whose connection dropped read on: the whole answer, each delta once', async () => {
    chat.use(faultScenarios.droppedConnection);
    const stream = streamMessage({ url: URL, body }, { retry: false });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    expect(await stream.finalMessage()).toEqual(contentScenarios.longAnswer.expectedMessage);
    expect(text).toBe(contentScenarios.longAnswer.expectedText);
    await chat.settled();
    expect(chat.requests).toHaveLength(2);
    expect(chat.requests[1]?.headers['chatstream-resume']).toBe(
      stream.response?.headers.get('chatstream-stream-id'),
    );
    expect(Number(chat.requests[1]?.headers['last-event-id'])).toBeGreaterThan(0);
  });

  it('numbers the events and serves those after Last-Event-ID, without the prefix', () => {
    const whole = textOf(planResponse(contentScenarios.basic, { timing: 'instant', resumable: true }));
    const events = whole.split('\n\n').filter((event) => event !== '');
    events.forEach((event, index) => expect(event.startsWith(`id: ${index + 1}\nevent: `)).toBe(true));
    const rest = textOf(planResponse(contentScenarios.basic, { timing: 'instant', resumable: { after: 3 } }));
    expect(rest).toBe(whole.slice(whole.indexOf('id: 4\n')));
  });

  it('answers a resume of an unknown stream with a 404, and the client keeps what it had', async () => {
    const response = await fetch(URL, { method: 'POST', headers: { 'chatstream-resume': 'nope' } });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({
      type: 'not_found_error',
      message: 'No stream "nope" to resume here.',
    });
  });

  it('answers a cancel of a stream it keeps with 204, of any other with 404, as the relay', async () => {
    const started = await fetch(URL, { method: 'POST', body: JSON.stringify(body) });
    const id = started.headers.get('chatstream-stream-id')!;
    await started.text();
    const cancel = (stream: string): Promise<Response> =>
      fetch(URL, { method: 'POST', headers: { 'chatstream-cancel': stream } });
    expect((await cancel(id)).status).toBe(204);
    const unknown = await cancel('nope');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toEqual({
      type: 'not_found_error',
      message: 'No stream "nope" to cancel here.',
    });
  });

  it('forgets a cancelled stream at once: a resume or another cancel of it gets the 404', async () => {
    const id = await startStream(false);
    expect(await cancelStatus(id)).toBe(204);
    expect(await resumeStatus(id)).toBe(404);
    expect(await cancelStatus(id)).toBe(404);
  });

  it("keeps a stream served to its end for a minute more (the relay's ttlMs), then forgets it", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const id = await startStream(true);
    vi.setSystemTime(start + 59_000);
    // Read to its end again: the minute still counts from the first end, as on the relay.
    expect(await resumeStatus(id, true)).toBe(200);
    vi.setSystemTime(start + 61_000);
    expect(await resumeStatus(id)).toBe(404);
    expect(await cancelStatus(id)).toBe(404);
  });

  it('forgets a stream nobody read to its end 5 minutes after it began', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const id = await startStream(false);
    vi.setSystemTime(start + 4 * 60_000);
    expect(await resumeStatus(id)).toBe(200);
    vi.setSystemTime(start + 5 * 60_000 + 1);
    expect(await resumeStatus(id)).toBe(404);
  });

  it("answers a resume by the relay's rules for Last-Event-ID, with chatstream-replay", async () => {
    const started = await fetch(URL, { method: 'POST', body: JSON.stringify(body) });
    const id = started.headers.get('chatstream-stream-id')!;
    const events = [...(await started.text()).matchAll(/^id: (\d+)$/gmu)].length;
    expect(events).toBeGreaterThan(3);
    const resume = async (lastEventId?: string) => {
      const headers: Record<string, string> = { 'chatstream-resume': id };
      if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
      const response = await fetch(URL, { method: 'POST', headers });
      const text = await response.text();
      return {
        status: response.status,
        replay: response.headers.get('chatstream-replay'),
        first: /^id: (\d+)$/mu.exec(text)?.[1],
        error: response.ok ? undefined : (JSON.parse(text) as { error: { type: string } }).error.type,
      };
    };
    expect(await resume()).toEqual({ status: 200, replay: '0', first: '1', error: undefined });
    expect(await resume('2')).toEqual({ status: 200, replay: '2', first: '3', error: undefined });
    expect(await resume(String(events))).toEqual({
      status: 200,
      replay: String(events),
      first: undefined,
      error: undefined,
    });
    const refused = { status: 400, replay: null, first: undefined, error: 'invalid_request_error' };
    for (const bad of [String(events + 1), '', '-1', '1.5', '1e3', 'x'])
      expect(await resume(bad)).toEqual(refused);
  });

  it('without resume, a dropped connection fails as before', async () => {
    const plain = createChatHandlers({ timing: 'instant' });
    chat.server.use(...plain.handlers);
    plain.use(faultScenarios.droppedConnection);
    const error = await streamMessage({ url: URL, body }, { retry: false })
      .finalMessage()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(plain.requests).toHaveLength(1);
  });

  it('refuses a resume point that is not a whole number ≥ 0', () => {
    expect(() => planResponse(contentScenarios.basic, { resumable: { after: -1 } })).toThrow(
      new RangeError('resumable.after must be a whole number ≥ 0, got -1'),
    );
    expect(() => planResponse(contentScenarios.basic, { resumable: 'yes' as never })).toThrow(TypeError);
  });
});
