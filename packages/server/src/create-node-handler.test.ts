import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandler } from './create-node-handler.ts';
import {
  chatBody,
  postRelay,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';

describe('createNodeHandler', () => {
  let fake: FakeAnthropicServer;
  const servers: LoopbackServer[] = [];
  const serve = async (handler: Parameters<typeof startRelay>[0]): Promise<string> => {
    const server = await startRelay(handler);
    servers.push(server);
    return server.url;
  };

  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 60, jitter: 0 } });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    fake.reset();
  });
  afterAll(() => fake.close());

  it('streams each event as it comes instead of buffering the response', async () => {
    const url = await serve(createNodeHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('longAnswer')),
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toContain('event: message_start');
    expect(first.value).not.toContain('message_stop');
    expect(fake.requests[0]?.completed).toBe(false);
    await reader.cancel();
    await fake.settled();
    expect(fake.requests[0]).toMatchObject({ aborted: true });
  });

  it('passes a failing handler to next() like Express expects', async () => {
    const failures: unknown[] = [];
    const broken = createNodeHandler(() => Promise.reject(new Error('boom')));
    const url = await serve((request: IncomingMessage, response: ServerResponse) =>
      broken(request, response, (error) => {
        failures.push(error);
        response.writeHead(500).end('handled');
      }),
    );
    const { response, text } = await postRelay(url, chatBody('basic'));
    expect(response.status).toBe(500);
    expect(text).toBe('handled');
    expect(failures).toMatchObject([{ message: 'boom' }]);
  });

  it('answers 500 JSON without next() when the handler fails', async () => {
    const url = await serve(createNodeHandler(() => Promise.reject(new Error('boom'))));
    const { response, text } = await postRelay(url, chatBody('basic'));
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'Internal server error.' },
    });
  });

  it('keeps status and headers of refusals (405 with Allow)', async () => {
    const url = await serve(createNodeHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
    const response = await fetch(url);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('serves plain node:http', async () => {
    const listener = createNodeHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL });
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const { response, text } = await postRelay(`http://127.0.0.1:${port}/`, chatBody('basic'));
      expect(response.status).toBe(200);
      expect(text).toContain('event: message_stop');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
