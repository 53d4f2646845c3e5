import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentScenarios } from '../catalogue-content.ts';
import { faultScenarios } from '../catalogue-faults.ts';
import { setupChatServer } from '../node.ts';
import { createChatHandlers } from './chat-handlers.ts';
import { png } from '../test/image-headers.ts';
import { jsonClone, readSSE } from '../test/sse-events.ts';

const chat = setupChatServer({
  timing: 'instant',
  path: ['/api/chat', 'https://api.anthropic.com/v1/messages'],
});

beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  chat.reset();
  chat.server.resetHandlers();
});
afterAll(() => chat.server.close());

function post(content: string, signal?: AbortSignal): Promise<Response> {
  return fetch('http://localhost:5173/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content }] }),
    ...(signal ? { signal } : {}),
  });
}

async function eventsOf(response: Response): Promise<unknown[]> {
  if (!response.body) throw new Error('no body');
  return (await readSSE(response.body)).map((message) => JSON.parse(message.data) as unknown);
}

describe('createChatHandlers (MSW, Node)', () => {
  it('streams the default scenario and logs the request', async () => {
    const response = await post('Hi there');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await eventsOf(response)).toEqual(contentScenarios.basic.events);
    await chat.settled();
    expect(chat.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/chat',
        body: { messages: [{ role: 'user', content: 'Hi there' }] },
        scenario: 'basic',
        status: 200,
        aborted: false,
        completed: true,
      }),
    ]);
  });

  it('lets the last user message pick the scenario by keyword or by name', async () => {
    expect(await eventsOf(await post('What is the weather? [scenario:toolUse]'))).toEqual(
      contentScenarios.toolUse.events,
    );
    expect(await eventsOf(await post('  refusal '))).toEqual(contentScenarios.refusal.events);
    expect(await eventsOf(await post('tell me about refusal'))).toEqual(contentScenarios.basic.events);
    expect(chat.requests.map((request) => request.scenario)).toEqual(['toolUse', 'refusal', 'basic']);
  });

  it('serves the scenario set with use() until reset()', async () => {
    chat.use('thinking');
    expect(await eventsOf(await post('hello'))).toEqual(contentScenarios.thinking.events);
    chat.use(contentScenarios.unicode);
    expect(await eventsOf(await post('hello'))).toEqual(contentScenarios.unicode.events);
    chat.reset();
    expect(await eventsOf(await post('hello'))).toEqual(contentScenarios.basic.events);
  });

  it("serves one test's scenario at its own pace with use(scenario, { timing }), logged as the others", async () => {
    vi.useFakeTimers();
    try {
      chat.use('basic', { timing: { timeToFirstToken: 400, tokensPerSecond: 1000, jitter: 0 } });
      const response = await post('hello');
      const events = eventsOf(response);
      let read = false;
      void events.then(() => (read = true));
      await vi.advanceTimersByTimeAsync(399);
      expect(read).toBe(false);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await events).toEqual(contentScenarios.basic.events);
      await chat.settled();
      expect(chat.requests).toEqual([expect.objectContaining({ scenario: 'basic', completed: true })]);
      // reset() goes back to the handlers' own timing ('instant'): whole with the clock standing still.
      chat.reset();
      expect(await eventsOf(await post('hello'))).toEqual(contentScenarios.basic.events);
    } finally {
      vi.useRealTimers();
    }
    expect(() => chat.use('basic', { timing: { tokensPerSecond: 0 } })).toThrow(/tokensPerSecond/);
  });

  it('answers HTTP faults and counts attempts for failFirst', async () => {
    const limited = await post('[scenario:rateLimited]');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post('[scenario:flakyThenOk]');
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([529, 529, 200]);
    expect(chat.requests.slice(1).map((request) => request.attempt)).toEqual([0, 1, 2]);
  });

  it('keeps the newest maxRequests requests, while received() and failFirst count them all', async () => {
    const bounded = createChatHandlers({ timing: 'instant', maxRequests: 2 });
    chat.server.use(...bounded.handlers);
    const statuses: number[] = [];
    for (const content of [
      '[scenario:flakyThenOk]',
      '[scenario:flakyThenOk]',
      '[scenario:flakyThenOk]',
      'Hi',
    ]) {
      const response = await post(content);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    await bounded.settled();
    expect(statuses).toEqual([529, 529, 200, 200]);
    expect(bounded.requests.map(({ scenario, attempt, status }) => [scenario, attempt, status])).toEqual([
      ['flakyThenOk', 2, 200],
      ['basic', 0, 200],
    ]);
    expect(bounded.received()).toBe(4);
    expect(() => createChatHandlers({ maxRequests: -1 })).toThrow(RangeError);
  });

  it('stops streaming when the request is aborted and records it', async () => {
    chat.use(faultScenarios.stalled);
    const controller = new AbortController();
    const response = await post('hello', controller.signal);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('message_start');
    controller.abort();
    await chat.settled();
    expect(chat.requests[0]).toMatchObject({ aborted: true, completed: false, outcome: 'aborted' });
  });

  it('serves /v1/messages so the official SDK can run against MSW', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL: 'https://api.anthropic.com', maxRetries: 0 });
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        messages: [{ role: 'user', content: '[scenario:multiTool]' }],
      })
      .finalMessage();
    const { parsed_output: _sdkOnly, ...wire } = jsonClone(message) as unknown as Record<string, unknown>;
    expect(wire).toEqual(jsonClone(contentScenarios.multiTool.expectedMessage));
    expect(chat.requests[0]?.path).toBe('/v1/messages');
  });

  it("answers the SDK's messages.create() without streaming with the whole message as JSON", async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL: 'https://api.anthropic.com', maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      messages: [{ role: 'user', content: '[scenario:webSearch]' }],
    });
    expect(jsonClone(message)).toEqual(jsonClone(contentScenarios.webSearch.expectedMessage));
    chat.use(faultScenarios.overloadedMidStream);
    const failure = await client.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('still streams a relay request, which carries no anthropic-version and no stream field', async () => {
    const response = await post('hello');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    expect(await response.text()).toContain('event: message_stop');
  });
});

const send = (body: unknown): Promise<Response> =>
  fetch('http://localhost/api/chat', { method: 'POST', body: JSON.stringify(body) });

describe('createChatHandlers: conversations the API would refuse', () => {
  const dangling = {
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] },
      { role: 'user', content: 'Never mind' },
    ],
  };

  it('answers 400 invalid_request_error with the reason, as the API behind a relay would', async () => {
    const response = await send(dangling);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string; message: string }; request_id: string };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/^messages\.1: tool_use ids were found without tool_result blocks/);
    expect(response.headers.get('request-id')).toBe(body.request_id);
    expect(chat.requests).toMatchObject([{ status: 400, scenario: '', body: dangling }]);
  });

  it('refuses tools the API would refuse, naming the path', async () => {
    const response = await send({
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }, { name: 'get_weather' }],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error).toEqual({
      type: 'invalid_request_error',
      message: 'tools.1.custom.input_schema: Field required',
    });
  });

  it('streams anyway with checkMessages: false or the text protocol, and never checks bodies without messages', async () => {
    const lenient = createChatHandlers({ timing: 'instant', checkMessages: false });
    chat.server.use(...lenient.handlers);
    expect((await send(dangling)).status).toBe(200);
    chat.server.resetHandlers();
    expect((await send({ prompt: '' })).status).toBe(200);
    const text = createChatHandlers({ timing: 'instant', protocol: 'text' });
    chat.server.use(...text.handlers);
    expect((await send({ messages: [{ role: 'system', content: 'Be brief' }] })).status).toBe(200);
  });
});

const answerOf = async (response: Response): Promise<string> => {
  const events = (await eventsOf(response)) as { delta?: { text?: string } }[];
  return events.map((event) => event.delta?.text ?? '').join('');
};

describe('createChatHandlers: attachments', () => {
  const photo = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png(640, 480) } };
  const report = {
    type: 'document',
    source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjcK' },
    title: 'report.pdf',
  };
  const withAttachments = (text?: string) => ({
    messages: [
      { role: 'user', content: [photo, report, ...(text === undefined ? [] : [{ type: 'text', text }])] },
    ],
  });

  it('streams a text answer that lists the attachments, with or without text beside them', async () => {
    const expected =
      'I received 2 attachments: a PNG image, 640 × 480 px (45 bytes), and a PDF document "report.pdf" (9 bytes).';
    expect(await answerOf(await send(withAttachments('What is in these?')))).toBe(expected);
    expect(await answerOf(await send(withAttachments()))).toBe(expected);
    expect(chat.requests.map((request) => request.scenario)).toEqual(['attachments', 'attachments']);
  });

  it('lets a [scenario:name] tag or a scenario set with use() win over the attachments answer', async () => {
    expect(await eventsOf(await send(withAttachments('Describe [scenario:refusal]')))).toEqual(
      contentScenarios.refusal.events,
    );
    chat.use('thinking');
    expect(await eventsOf(await send(withAttachments()))).toEqual(contentScenarios.thinking.events);
    chat.reset();
    const configured = createChatHandlers({ timing: 'instant', scenario: 'toolUse' });
    chat.server.use(...configured.handlers);
    expect(await eventsOf(await send(withAttachments()))).toEqual(contentScenarios.toolUse.events);
  });

  it("serves it with the handlers' serving options, here the plain-text protocol", async () => {
    const text = createChatHandlers({ timing: 'instant', protocol: 'text', path: '/api/text' });
    chat.server.use(...text.handlers);
    const response = await fetch('http://localhost/api/text', {
      method: 'POST',
      body: JSON.stringify(withAttachments()),
    });
    if (!response.body) throw new Error('no body');
    const data = (await readSSE(response.body)).map((message) => message.data);
    expect(data.slice(0, -1).join('')).toMatch(/^I received 2 attachments: a PNG image, 640 × 480 px/u);
  });

  it('refuses a malformed attachment with 400 invalid_request_error naming the path', async () => {
    const response = await send({
      messages: [
        { role: 'user', content: [{ ...photo, source: { ...photo.source, media_type: 'image/heic' } }] },
      ],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
      },
    });
  });
});

describe('createChatHandlers: plain-text protocol', () => {
  it('streams data: chunks and [DONE]', async () => {
    const text = createChatHandlers({ timing: 'instant', protocol: 'text', path: '/api/text' });
    chat.server.use(...text.handlers);
    const response = await fetch('http://localhost/api/text', {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'longAnswer' }] }),
    });
    if (!response.body) throw new Error('no body');
    const data = (await readSSE(response.body)).map((message) => message.data);
    expect(data.at(-1)).toBe('[DONE]');
    expect(data.slice(0, -1).join('')).toBe(contentScenarios.longAnswer.expectedText);
    await text.settled();
    expect(text.requests).toMatchObject([{ scenario: 'longAnswer', completed: true }]);
  });
});

describe('createChatHandlers: an assistant prefill (Continue after Stop)', () => {
  const full = contentScenarios.longAnswer.expectedText;
  const partial = full.slice(0, 200).trimEnd();
  const continuing = {
    messages: [
      { role: 'user', content: 'Explain [scenario:longAnswer]' },
      { role: 'assistant', content: [{ type: 'text', text: partial }] },
    ],
  };

  it('streams what follows the partial answer, not the whole answer again', async () => {
    const rest = await answerOf(await send(continuing));
    expect(rest).toBe(full.slice(partial.length));
    expect(partial + rest).toBe(full);
    expect(chat.requests).toMatchObject([{ scenario: 'longAnswer', completed: true }]);
  });

  it('in the plain-text protocol too', async () => {
    const text = createChatHandlers({ timing: 'instant', protocol: 'text', path: '/api/text' });
    chat.server.use(...text.handlers);
    const response = await fetch('http://localhost/api/text', {
      method: 'POST',
      body: JSON.stringify(continuing),
    });
    if (!response.body) throw new Error('no body');
    const data = (await readSSE(response.body)).map((message) => message.data);
    expect(data.at(-1)).toBe('[DONE]');
    expect(partial + data.slice(0, -1).join('')).toBe(full);
  });
});
