// A Node server on the published packages, run with plain `node`: the fake Anthropic API, the relay
// in front of it, and the reader streaming through the relay. It exits by itself only if everything
// it opened was closed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scenarios } from '@chatstream/mocks';
import { createFakeAnthropicServer } from '@chatstream/mocks/server';
import { joinTextBlocks, streamMessage } from '@chatstream/reader';
import { createChatHandler, createMemoryResumeStore, type RelayResult } from '@chatstream/server';
import { createNodeHandler } from '@chatstream/server/node';

const scenario = scenarios.webSearch;
const fake = await createFakeAnthropicServer({ apiKey: 'sk-test', timing: 'instant' });
const results: RelayResult[] = [];
const relay = createServer(
  createNodeHandler(
    createChatHandler({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'claude-sonnet-4-6',
      resume: { store: createMemoryResumeStore() },
      onFinish: (result) => void results.push(result),
    }),
  ),
);
try {
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as AddressInfo;
  const stream = streamMessage({
    url: `http://127.0.0.1:${port}/api/chat`,
    body: { messages: [{ role: 'user', content: `[scenario:${scenario.name}]` }], max_tokens: 1024 },
  });
  const message = await stream.finalMessage();
  // The relay passes Anthropic's events through unchanged, so the reader rebuilds the very message.
  assert.deepEqual(
    JSON.parse(JSON.stringify(message)),
    scenario.expectedMessage,
    'message through the relay',
  );
  // A blank line where text follows the search: as the mocks expect it, and as joinTextBlocks joins it.
  assert.equal(await stream.finalText(), scenario.expectedText, 'text through the relay');
  assert.equal(joinTextBlocks(message.content), scenario.expectedText, 'text joined by joinTextBlocks');
  assert.match(
    stream.response?.headers.get('chatstream-stream-id') ?? '',
    /^[\da-f-]{36}$/u,
    'a resumable stream',
  );
} finally {
  await new Promise<void>((resolve, reject) => relay.close((error) => (error ? reject(error) : resolve())));
  await fake.close();
}
// Once the relay closed, the request ended, and the relay reported it.
assert.deepEqual(
  results.map((result) => result.outcome),
  ['complete'],
  'the relay reports one complete request',
);

console.log(`streamed ${scenario.name} through the relay`);
