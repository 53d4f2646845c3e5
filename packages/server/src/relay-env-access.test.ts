import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { chatBody, jsonPost, TEST_KEY } from './test/relay-fixture.ts';

/** What Deno throws for a variable read without `--allow-env` (its class is `Deno.errors.NotCapable`). */
function notCapable(name: string): Error {
  const error = new Error(`Requires env access to "${name}", run again with the --allow-env flag`);
  error.name = 'NotCapable';
  return error;
}

/** A `process` whose environment throws on every read, as Deno's does without `--allow-env`. */
function stubUnreadableEnv(refusal: (name: string) => Error = notCapable): void {
  const env = new Proxy(
    {},
    {
      get: (_target, name) => {
        throw refusal(String(name));
      },
    },
  );
  vi.stubGlobal('process', { ...process, env });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('where the environment cannot be read (Deno without --allow-env)', () => {
  it('answers that no key is configured when none was given', async () => {
    stubUnreadableEnv();
    const handler = createChatHandler();

    const response = await handler(jsonPost(chatBody('basic')));

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { type: 'api_error', message: 'The server has no Anthropic API key configured.' },
    });
  });

  it('tells onError of a failure before the key is needed', async () => {
    stubUnreadableEnv();
    const reported: unknown[] = [];
    const failure = new Error('The session store is down.');
    const handler = createChatHandler({
      authorize: () => {
        throw failure;
      },
      onError: (error) => reported.push(error),
    });

    const response = await handler(jsonPost(chatBody('basic')));

    expect(response.status).toBe(500);
    expect(reported).toEqual([failure]);
  });

  it("says why the SDK would not create a client, with Deno's permission to give", async () => {
    stubUnreadableEnv();
    const reported: unknown[] = [];
    const handler = createChatHandler({ apiKey: TEST_KEY, onError: (error) => reported.push(error) });

    const response = await handler(jsonPost(chatBody('basic')));

    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: { type: 'api_error', message: 'The server could not create its Anthropic client.' },
    });
    // Before: retried twice by the reader, each time refused alike.
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(reported).toHaveLength(1);
    const [error] = reported as Error[];
    expect(error?.message).toMatch(
      /^The Anthropic SDK would not create a client: Requires env access to "ANTHROPIC_\w+", run again with the --allow-env flag\. On Deno, allow reading ANTHROPIC_\* variables: --allow-env=ANTHROPIC_\*\.$/u,
    );
    expect(error?.message).not.toContain('browser');
    expect(error?.cause).toMatchObject({ name: 'NotCapable' });
  });
});

it('says why the SDK would not create a client, whatever the cause', async () => {
  const cause = new Error('The environment is sealed.');
  stubUnreadableEnv(() => cause);
  const reported: unknown[] = [];
  const handler = createChatHandler({ apiKey: TEST_KEY, onError: (error) => reported.push(error) });

  expect((await handler(jsonPost(chatBody('basic')))).status).toBe(500);
  expect(reported).toHaveLength(1);
  const [error] = reported as Error[];
  expect(error?.message).toBe('The Anthropic SDK would not create a client: The environment is sealed.');
  expect(error?.cause).toBe(cause);
});

it('tells onError of a failure even when the key to redact from it cannot be worked out', async () => {
  const client = new Anthropic({ apiKey: TEST_KEY });
  const failure = new Error('The key is kept in a vault that is down.');
  Object.defineProperty(client, 'apiKey', {
    get: () => {
      throw failure;
    },
  });
  const reported: unknown[] = [];
  const handler = createChatHandler({ client, onError: (error) => reported.push(error) });

  const response = await handler(jsonPost(chatBody('basic')));

  expect(response.status).toBe(500);
  expect(reported).toEqual([failure]);
});
