import Anthropic from '@anthropic-ai/sdk';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream } from '@chatstream/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import { chatBody, fetchDirect, jsonPost, startFakeAnthropic, TEST_KEY } from './test/relay-fixture.ts';

/**
 * What an AI gateway (LiteLLM, Kong, an Envoy filter) does to Anthropic's stream on its way: numbers
 * the events with ids of its own, slips in keep-alives as events of its own name, and passes the
 * request id on as `x-request-id`.
 */
const gatewayFetch: typeof fetch = async (input, init) => {
  const upstream = await fetch(input, init);
  const headers = new Headers(upstream.headers);
  headers.set('x-request-id', `gw-${headers.get('request-id') ?? ''}`);
  headers.delete('request-id');
  let count = 0;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let held = '';
  const body = upstream.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        held += decoder.decode(chunk, { stream: true });
        const events = held.split('\n\n');
        held = events.pop()!;
        for (const event of events) {
          count += 1;
          controller.enqueue(encoder.encode(`${event}\nid: gw-${count}\n\nevent: keepalive\ndata: {}\n\n`));
        }
      },
      flush(controller) {
        if (held) controller.enqueue(encoder.encode(held));
      },
    }),
  );
  return new Response(body, { status: upstream.status, headers });
};

describe('behind an AI gateway', () => {
  let fake: FakeAnthropicServer;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(() => fake.close());

  it("keeps resume's numbering, reads past the gateway's keep-alives, and takes its request id", async () => {
    const finished: RelayResult[] = [];
    const handler = createChatHandler({
      client: new Anthropic({ baseURL: fake.baseURL, apiKey: TEST_KEY, fetch: gatewayFetch }),
      resume: true,
      onFinish: (result) => finished.push(result),
    });
    const response = await handler(jsonPost(chatBody('longAnswer')));
    const relayed = await response.text();
    const events = relayed.split('\n\n').filter((event) => event !== '');
    // One id an event, the relay's: the last id of an event wins, and a read-on asks for it.
    events.forEach((event, index) => {
      expect(event.match(/^id:.*$/gmu)).toEqual([`id: ${index + 1}`]);
    });
    const message = await readMessageStream(new Blob([relayed]).stream()).finalMessage();
    const direct = await fetchDirect(fake, 'longAnswer');
    expect(message.content).toEqual(
      (await readMessageStream(new Blob([direct.text]).stream()).finalMessage()).content,
    );
    expect(response.headers.get('request-id')).toMatch(/^gw-req_/u);
    expect(finished).toMatchObject([{ outcome: 'complete', requestId: response.headers.get('request-id') }]);
  });
});
