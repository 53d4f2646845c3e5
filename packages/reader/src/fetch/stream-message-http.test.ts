import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPError } from '../errors.ts';
import { rejection } from '../test/rejection.ts';
import { startReplayServer, type ReplayServer } from '../test/replay-server.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { streamMessage } from './stream-message.ts';

/** A loopback server that sends every request on to `target` with a 307 (the body goes along). */
async function startRedirect(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(307, { location: `${target}/v1/messages` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a redirect (to another origin)', () => {
  let target: ReplayServer;
  let redirect: Awaited<ReturnType<typeof startRedirect>>;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    target = await startReplayServer((headers) => seen.push(headers));
    target.serve(toSSE(transcripts['text']!));
    redirect = await startRedirect(target.url);
  });
  afterAll(async () => {
    await redirect.close();
    await target.close();
  });
  const body = { max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

  it('is not followed with an API key (x-api-key) on the request: an HTTPError names where it led', async () => {
    seen.length = 0;
    const stream = streamMessage(
      { url: `${redirect.url}/v1/messages`, body, headers: { 'x-api-key': 'sk-ant-secret' } },
      { retry: false },
    );
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({
      status: 307,
      message: `HTTP 307 Temporary Redirect to ${target.url}/v1/messages, not followed with an API key (x-api-key) on it`,
    });
    expect(seen).toEqual([]);
  });

  it('is followed for a request without one (a relay moved, a trailing slash added)', async () => {
    seen.length = 0;
    const stream = streamMessage({ url: `${redirect.url}/api/chat`, body }, { retry: false });
    await expect(stream.finalText()).resolves.toContain('Hello!');
    expect(seen).toHaveLength(1);
  });
});

/**
 * A relay with resume whose stream drops after its first events, and whose read-on (`chatstream-resume`)
 * answers with a 307 to `target`.
 */
async function startMovedRelay(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    if (request.headers['chatstream-resume']) {
      response.writeHead(307, { location: `${target}/api/chat` }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'chatstream-stream-id': 's1' });
    response.write(toSSE(transcripts['text']!.slice(0, 4)), () => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a read-on from a relay that redirects it', () => {
  it('carries the API key no further than the request did', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const target = await startReplayServer((headers) => seen.push(headers));
    target.serve(toSSE(transcripts['text']!));
    const relay = await startMovedRelay(target.url);
    try {
      const stream = streamMessage(
        { url: `${relay.url}/api/chat`, body: {}, headers: { 'x-api-key': 'sk-gateway-key' } },
        { retry: false },
      );
      // The read-on refused, the stream ends as the drop left it.
      const error = await rejection(stream.finalMessage());
      expect(error).toMatchObject({ kind: 'connection' });
      expect(seen).toEqual([]);
    } finally {
      await relay.close();
      await target.close();
    }
  });
});

describe('a connection refused before any response', () => {
  it('is a ConnectionError that says why, as Node keeps the reason in its cause', async () => {
    // A server closed again: its port refuses connections.
    const closed = await startRedirect('http://127.0.0.1:9');
    await closed.close();
    const stream = streamMessage({ url: `${closed.url}/api/chat`, body: {} }, { retry: false });
    const error = await rejection(stream.finalMessage());
    expect(error).toMatchObject({ kind: 'connection' });
    expect((error as Error).message).toMatch(
      /^The request failed: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
  });
});

describe("a connection refused by both of a host's addresses", () => {
  it("names the reason where Node's AggregateError has no message of its own", async () => {
    const refused = Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:8787')], ''), {
      code: 'ECONNREFUSED',
    });
    const fetch = async (): Promise<Response> => {
      throw new TypeError('fetch failed', { cause: refused });
    };
    const error = await rejection(
      streamMessage(
        { url: 'http://localhost:8787/api/chat', body: {} },
        { fetch, retry: false },
      ).finalMessage(),
    );
    expect((error as Error).message).toBe('The request failed: fetch failed (ECONNREFUSED)');
  });
});
