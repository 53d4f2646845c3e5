import Anthropic from '@anthropic-ai/sdk';
import { scenario } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import {
  chatBody,
  type LoopbackServer,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
  TEST_MODEL,
} from './test/relay-fixture.ts';

const MiB = 1024 * 1024;
/** Far more than the socket buffers between here and the client can hold (a few MiB each on loopback). */
const ANSWER_BYTES = 32 * MiB;

let fake: FakeAnthropicServer;
let relay: LoopbackServer;
/** Bytes of the upstream response the relay has read so far. */
let consumed = 0;

/** The relay's fetch to the API, counting what it reads of each response. */
const countingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const counted = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        consumed += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, response);
};

beforeAll(async () => {
  fake = await startFakeAnthropic();
  fake.use(
    scenario('huge')
      .text('x'.repeat(ANSWER_BYTES), { chunking: 64 * 1024 })
      .stop('end_turn'),
  );
  const client = new Anthropic({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    fetch: countingFetch,
    maxRetries: 0,
  });
  relay = await startRelay(createChatHandler({ client, model: TEST_MODEL, maxTokens: Infinity }));
});

afterAll(async () => {
  await relay.close();
  await fake.close();
});

it('holds back the upstream for a client that stops reading, instead of buffering the answer', async () => {
  const response = await fetch(relay.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody('huge')),
  });
  const reader = response.body!.getReader();
  let received = (await reader.read()).value?.byteLength ?? 0;
  // The client reads nothing for a while; the upstream could send everything in this time.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  // What the sockets on the way hold (about 4 MiB here), not the answer (all of it without backpressure).
  expect(consumed).toBeLessThan(12 * MiB);
  // Reading again, the client gets the whole answer, and only then has the relay read it all.
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    received += chunk.value.byteLength;
  }
  expect(received).toBeGreaterThan(ANSWER_BYTES);
  expect(consumed).toBeGreaterThan(ANSWER_BYTES);
}, 30_000);
