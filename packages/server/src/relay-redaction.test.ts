import Anthropic from '@anthropic-ai/sdk';
import { httpError, scenario, scenarios, withFaults } from '@chatstream/mocks';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { readMessageStream, readTextStream } from '@chatstream/reader';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHandlerOptions } from './chat-handler-options.ts';
import { createChatHandler } from './create-chat-handler.ts';
import type { RelayResult } from './relay-watch.ts';
import { fetchDirect, jsonPost, startFakeAnthropic, TEST_KEY, TEST_MODEL } from './test/relay-fixture.ts';
import { withoutIds } from './test/resume-requests.ts';
import { failureOf } from './test/failure-of.ts';

// An upstream (or a proxy in front of it) that quotes the key it was sent in a mid-stream error.
const keyInError = scenario('keyInError')
  .text('Partial')
  .error('api_error', `proxy says: bad key ${TEST_KEY}`);
const body = { model: TEST_MODEL, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] };

const streamOf = (text: string): ReadableStream<Uint8Array> => new Blob([text]).stream();

/** Everything a logger could print of a reported value. */
const printed = (value: unknown): string =>
  value instanceof Error
    ? [value.message, value.stack, JSON.stringify(value)].join('\n')
    : JSON.stringify(value);

describe('the key quoted by upstream is redacted', () => {
  let fake: FakeAnthropicServer;
  const reported: unknown[] = [];
  const finished: RelayResult[] = [];
  const handler = (options: ChatHandlerOptions) =>
    createChatHandler({
      apiKey: TEST_KEY,
      baseURL: fake.baseURL,
      onError: (error) => reported.push(error),
      onFinish: (result) => finished.push(result),
      ...options,
    });

  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => {
    fake.reset();
    reported.length = 0;
    finished.length = 0;
  });
  afterAll(() => fake.close());

  it.each([false, true])(
    'in an upstream error event, relayed otherwise byte for byte (resume: %s)',
    async (resume) => {
      fake.use(keyInError);
      const response = await handler({ resume })(jsonPost(body));
      const relayed = await response.text();
      fake.use(keyInError);
      const direct = await fetchDirect(fake, 'keyInError');
      expect(direct.text).toContain(TEST_KEY);
      expect(withoutIds(relayed)).toBe(direct.text.replaceAll(TEST_KEY, '[redacted]'));

      const error = await failureOf(readMessageStream(streamOf(relayed)).finalMessage());
      expect(error).toMatchObject({ kind: 'stream-event', errorType: 'api_error' });
      expect(error.message).toContain('proxy says: bad key [redacted]');
      expect(finished).toMatchObject([{ outcome: 'error', error: { type: 'api_error' } }]);
      expect(printed([...reported, ...finished])).not.toContain(TEST_KEY);
    },
  );

  it.each([false, true])(
    "in the text protocol's error event, onError and onFinish (resume: %s)",
    async (resume) => {
      fake.use(keyInError);
      const response = await handler({ protocol: 'text', resume })(jsonPost(body));
      const relayed = await response.text();
      expect(relayed).not.toContain(TEST_KEY);
      const error = await failureOf(readTextStream(streamOf(relayed)).finalText());
      expect(error.message).toContain('proxy says: bad key [redacted]');
      expect(reported).toHaveLength(1);
      expect(reported[0]).toBeInstanceOf(Anthropic.APIError);
      expect(reported[0]).toMatchObject({ type: 'api_error' });
      expect(finished).toMatchObject([{ outcome: 'error', error: reported[0] }]);
      expect(printed(reported[0])).toContain('[redacted]');
      expect(printed(reported[0])).not.toContain(TEST_KEY);
    },
  );

  it('in what onError and onFinish hear of an HTTP error, which keeps its status, request id and type', async () => {
    fake.use(withFaults(scenarios.basic, httpError(400, { message: `bad key ${TEST_KEY}` })));
    const response = await handler({})(jsonPost(body));
    expect(await response.text()).not.toContain(TEST_KEY);
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^req_/u);
    expect(reported).toHaveLength(1);
    const error = reported[0];
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      requestID: requestId,
      type: 'invalid_request_error',
      error: { error: { message: 'bad key [redacted]' } },
    });
    expect(printed(error)).not.toContain(TEST_KEY);
    expect(finished).toMatchObject([{ outcome: 'error', requestId, error }]);
  });

  it('for a client of a gateway: its bearer token and the keys in its headers', async () => {
    const token = 'gw-virtual-key-7f3a';
    const portkey = 'pk-live-91c2e0';
    fake.use(
      withFaults(
        scenarios.basic,
        httpError(403, { message: `Virtual key '${token}' (workspace ${portkey}) is over its budget` }),
      ),
    );
    const client = new Anthropic({
      baseURL: fake.baseURL,
      apiKey: null,
      authToken: token,
      // The fake API takes the key in x-api-key; the gateway's own keys ride beside it.
      defaultHeaders: { 'x-api-key': TEST_KEY, 'x-portkey-api-key': portkey },
    });
    const response = await handler({ client })(jsonPost(body));
    const text = await response.text();
    expect(text).toContain("Virtual key '[redacted]' (workspace [redacted]) is over its budget");
    expect(printed([...reported, ...finished])).not.toMatch(
      new RegExp(`${token}|${portkey}|${TEST_KEY}`, 'u'),
    );
    expect(reported).toHaveLength(1);
  });
});
