import { afterEach, expect, it, vi } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, TEST_KEY } from './test/relay-fixture.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('reports why it cannot relay where the SDK sees a browser (a DOM in a test), with the key redacted', async () => {
  // What jsdom and happy-dom define, and what the SDK looks for before it refuses to run.
  vi.stubGlobal('window', { document: {} });
  vi.stubGlobal('navigator', { userAgent: 'jsdom' });
  const reported: unknown[] = [];
  const handler = createChatHandler({ apiKey: TEST_KEY, onError: (error) => reported.push(error) });

  const response = await handler(jsonPost(chatBody('basic')));

  expect(response.status).toBe(500);
  expect(await response.json()).toMatchObject({ error: { type: 'api_error' } });
  expect(reported).toHaveLength(1);
  const [error] = reported as Error[];
  expect(error?.message).toContain('a test of it needs a Node environment');
  expect(error?.message).toContain('// @vitest-environment node');
  expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(TEST_KEY);
});
