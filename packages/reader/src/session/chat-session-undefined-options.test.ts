import { createMockResponse, failFirst, httpError, scenarios } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { createChatSession } from './chat-session.ts';

/** Every option a session may be given, each set to `undefined`, as from a config whose fields may be missing. */
const allUndefined: Required<ChatSessionOptions> = {
  api: undefined,
  body: undefined,
  headers: undefined,
  system: undefined,
  model: undefined,
  maxTokens: undefined,
  tools: undefined,
  maxSteps: undefined,
  transport: undefined,
  throttle: undefined,
  queue: undefined,
  initialMessages: undefined,
  initialVersions: undefined,
  initialError: undefined,
  generateId: undefined,
  onFinish: undefined,
  onError: undefined,
  onSettled: undefined,
  onUsage: undefined,
  fetch: undefined,
  protocol: undefined,
  retry: undefined,
  headersTimeoutMs: undefined,
  idleTimeoutMs: undefined,
  totalTimeoutMs: undefined,
  maxBufferSize: undefined,
  requestQueue: undefined,
};

/** A fetch that answers with `answers` in turn and records what it was asked. */
function recordingFetch(...answers: (() => Response)[]) {
  const requests: { url: string; method: string | undefined; headers: Headers; body: unknown }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({
      url: url instanceof Request ? url.url : url.toString(),
      method: init?.method,
      headers: new Headers(init?.headers),
      body: JSON.parse(init?.body as string),
    });
    const answer = answers[Math.min(requests.length, answers.length) - 1]!;
    return answer();
  };
  return { fetch, requests };
}

const basic = (): Response => createMockResponse(scenarios.basic, { timing: 'instant' });

describe('ChatSession: options set to undefined', () => {
  it('work as the options left out: the default endpoint, body, ids and statuses', async () => {
    const given = recordingFetch(basic);
    const left = recordingFetch(basic);
    const withUndefined = createChatSession({ ...allUndefined, fetch: given.fetch });
    const without = createChatSession({ fetch: left.fetch });
    await withUndefined.send('Hello');
    await without.send('Hello');

    expect(given.requests).toHaveLength(1);
    const [request] = given.requests;
    expect(request).toMatchObject({ url: '/api/chat', method: 'POST' });
    expect(request?.body).toEqual(left.requests[0]?.body);
    expect(request?.body).toEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
    expect([...request!.headers]).toEqual([...left.requests[0]!.headers]);
    const snapshot = withUndefined.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(new Set(snapshot.messages.map((message) => message.id)).size).toBe(2);
    expect(snapshot.messages[1]?.content).toEqual(scenarios.basic.expectedMessage.content);
  });

  it('keep the default retries when a retry setting is undefined', async () => {
    const overloaded = failFirst(2, httpError(529)).fault;
    const failing = (): Response =>
      createMockResponse({ ...scenarios.basic, faults: [overloaded] }, { timing: 'instant' });
    const { fetch, requests } = recordingFetch(failing, failing, basic);
    const target = createChatSession({
      fetch,
      // Only the delay is set, so the test does not wait: the count stays the default (2 retries).
      retry: { maxRetries: undefined, initialDelayMs: 0, maxDelayMs: undefined, random: undefined },
    });
    await target.send('Hello');
    expect(requests).toHaveLength(3);
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
  });

  it('go back to the default when setOptions gives undefined', async () => {
    const { fetch, requests } = recordingFetch(basic);
    const target = createChatSession({ fetch, api: '/custom', model: 'claude-test', maxTokens: 64 });
    target.setOptions({ api: undefined, model: undefined, maxTokens: undefined });
    await target.send('Hello');
    expect(requests[0]?.url).toBe('/api/chat');
    expect(requests[0]?.body).toEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
  });
});
