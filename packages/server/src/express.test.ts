import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import compression from 'compression';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandler } from './create-node-handler.ts';
import {
  chatBody,
  fetchDirect,
  postRelay,
  sameBytes,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  type LoopbackServer,
} from './test/relay-fixture.ts';

// The relay in a real Express app, with the middleware Express apps commonly put in front of every
// route: body parsing, and response compression (which buffers whatever it compresses).
describe('createNodeHandler in an Express app', () => {
  let fake: FakeAnthropicServer;
  const servers: LoopbackServer[] = [];
  const serve = async (app: express.Express): Promise<string> => {
    const server = await startRelay(app);
    servers.push(server);
    return server.url;
  };
  const relayApp = (...middleware: express.RequestHandler[]): express.Express => {
    const app = express();
    app.use(...middleware);
    app.post('/api/chat', createNodeHandler({ apiKey: TEST_KEY, baseURL: fake.baseURL }));
    return app;
  };

  beforeAll(async () => {
    fake = await startFakeAnthropic({ timing: { timeToFirstToken: 5, tokensPerSecond: 60, jitter: 0 } });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    fake.reset();
  });
  afterAll(() => fake.close());

  it('relays the bytes unchanged after express.json() parsed the body', async () => {
    const url = await serve(relayApp(express.json()));
    const relayed = await postRelay(url, chatBody('toolUse'));
    const direct = await fetchDirect(fake, 'toolUse');
    expect(relayed.response.status).toBe(200);
    expect(sameBytes(relayed.bytes, direct.bytes)).toBe(true);
  });

  it('still streams event by event behind compression(), which would otherwise hold it back', async () => {
    const url = await serve(relayApp(compression(), express.json()));
    const response = await fetch(url, {
      method: 'POST',
      // What every browser sends; compression() compresses text/event-stream for it unless told not to.
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br' },
      body: JSON.stringify(chatBody('longAnswer')),
    });
    expect(response.headers.get('content-encoding')).toBeNull();
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toContain('event: message_start');
    expect(fake.requests[0]?.completed).toBe(false); // it arrived while Anthropic was still answering
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    const direct = await fetchDirect(fake, 'longAnswer');
    expect(first.value + rest).toBe(new TextDecoder().decode(direct.bytes));
  });
});
