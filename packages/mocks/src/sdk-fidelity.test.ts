import Anthropic from '@anthropic-ai/sdk';
import { joinTextBlocks } from '@chatstream/reader';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { attachmentsScenario } from './attachments-scenario.ts';
import { scenario as buildScenario } from './builder.ts';
import {
  charLocation,
  contentBlockLocation,
  pageLocation,
  searchResultLocation,
  webSearchResultLocation,
} from './citations.ts';
import { failFirst, httpError } from './faults.ts';
import type { MockScenario } from './scenario-types.ts';
import { createFakeAnthropicServer, type FakeAnthropicServer } from './server/fake-anthropic-server.ts';
import { jsonClone } from './test/sse-events.ts';
import { withFaults } from './with-faults.ts';

const flaky = withFaults(contentScenarios.basic, failFirst(2, httpError(529, { retryAfterMs: 5 })), {
  name: 'flakyFast',
});

// Every citation location type and every server tool result step, in one answer.
const citationKinds = buildScenario('citationKinds')
  .serverToolUse('web_search', { query: 'q' })
  .webSearchResult([{ title: 'A', url: 'https://a.example', encryptedContent: 'EqA=' }])
  .serverToolUse('web_search', { query: 'r' })
  .webSearchError('max_uses_exceeded')
  .serverToolUse('web_fetch', { url: 'https://a.example/r.pdf' })
  .webFetchResult({ url: 'https://a.example/r.pdf', title: 'R', pdf: 'JVBERi0xLjQK' })
  .serverToolUse('web_fetch', { url: 'https://b.example' })
  .webFetchError('url_not_accessible')
  .text('One', {
    citations: [
      webSearchResultLocation({ title: 'A', url: 'https://a.example', citedText: 'a' }),
      charLocation({ citedText: 'b', documentIndex: 0, startCharIndex: 0, endCharIndex: 1 }),
      pageLocation({ citedText: 'c', documentIndex: 1, documentTitle: 'R', startPageNumber: 2 }),
    ],
  })
  .text(', and ')
  .text('two', {
    citations: [
      contentBlockLocation({ citedText: 'd', documentIndex: 2, startBlockIndex: 1 }),
      searchResultLocation({ citedText: 'e', source: 's', searchResultIndex: 0, startBlockIndex: 0 }),
    ],
    citationsAfter: 0,
  })
  .stop('end_turn');

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await createFakeAnthropicServer({
    apiKey: 'sk-test',
    timing: 'instant',
    scenarios: { ...contentScenarios, ...faultScenarios, flakyFast: flaky, citationKinds },
  });
});
afterAll(async () => {
  await server.close();
});

/** A request the fake server answers with scenario `name`. */
const asking = (name: string): Anthropic.MessageCreateParamsNonStreaming => ({
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  messages: [{ role: 'user', content: `[scenario:${name}]` }],
});

const noRetries = () => new Anthropic({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });

function stream(name: string, client = noRetries()) {
  return client.messages.stream(asking(name));
}

/** The SDK adds `parsed_output` (structured outputs) to every final message; it is not on the wire. */
function withoutParsedOutput(message: unknown): unknown {
  const { parsed_output: _sdkOnly, ...rest } = jsonClone(message) as Record<string, unknown>;
  return rest;
}

describe('the official SDK agrees with every expected message', () => {
  it.each(Object.values(contentScenarios).map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario: MockScenario) => {
      const message = await stream(scenario.name).finalMessage();
      expect(withoutParsedOutput(message)).toEqual(jsonClone(scenario.expectedMessage));
    },
  );

  it("finalText(): the SDK's joins every text block with a space; expectedText joins them as the reader does", async () => {
    for (const scenario of [
      contentScenarios.webSearch,
      contentScenarios.thinking,
      contentScenarios.unicode,
      contentScenarios.research,
    ]) {
      const texts = scenario.expectedMessage.content.flatMap((block) =>
        block.type === 'text' ? [String(block['text'])] : [],
      );
      await expect(stream(scenario.name).finalText()).resolves.toBe(texts.join(' '));
      expect(scenario.expectedText).toBe(joinTextBlocks(scenario.expectedMessage.content));
    }
  });

  it('reads every citation type and server tool result the builder writes', async () => {
    const message = await stream('citationKinds').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(citationKinds.expectedMessage));
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 1 });
  });

  it('reads the attachments answer citing a PDF, a custom-content and a text document', async () => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQKJSVFT0YK' },
              title: 'report.pdf',
              citations: { enabled: true },
            },
            {
              type: 'document',
              source: { type: 'content', content: [{ type: 'text', text: 'Applies to contractors.' }] },
              title: 'policy',
              citations: { enabled: true },
            },
            {
              type: 'document',
              source: { type: 'text', media_type: 'text/plain', data: 'Buy milk' },
              citations: { enabled: true },
            },
            { type: 'text', text: 'Summarise these.' },
          ],
        },
      ],
    };
    const message = await noRetries().messages.stream(request).finalMessage();
    const expected = attachmentsScenario(request);
    expect(withoutParsedOutput(message)).toEqual(jsonClone(expected?.expectedMessage));
    expect(
      message.content
        .flatMap((block) => (block.type === 'text' ? (block.citations ?? []) : []))
        .map((c) => c.type),
    ).toEqual(['page_location', 'content_block_location', 'char_location']);
  });

  it.each([
    { lineEnding: '\r\n', comments: true, padJson: 3, splitData: true },
    { lineEnding: '\r', comments: true, padJson: 1 },
    { lineEnding: '\n', splitData: true },
  ] as const)('reads framing variation %o the same, in 1 to 7 byte chunks', async (encoding) => {
    const framed = await createFakeAnthropicServer({
      timing: 'instant',
      encoding,
      chunks: { min: 1, max: 7 },
    });
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: framed.baseURL, maxRetries: 0 });
      for (const scenario of [contentScenarios.unicode, contentScenarios.webSearch]) {
        const message = await stream(scenario.name, client).finalMessage();
        expect(withoutParsedOutput(message)).toEqual(jsonClone(scenario.expectedMessage));
      }
    } finally {
      await framed.close();
    }
  });

  it('ignores the oversized ping and still gets the basic message', async () => {
    const message = await stream('oversizedEvent').finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(faultScenarios.oversizedEvent.expectedMessage));
  });
});

describe('the official SDK fails where expectedError says it must', () => {
  it.each([
    'badRequest',
    'unauthorized',
    'notFound',
    'requestTooLarge',
    'rateLimited',
    'serverError',
    'overloaded',
  ] as const)('%s', async (name) => {
    const expected = faultScenarios[name].expectedError;
    const error = await stream(name)
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(expected?.status);
    expect(apiError.type).toBe(expected?.errorType);
    expect(apiError.requestID).toMatch(/^req_01/u);
  });

  it('overloadedMidStream rejects with the error event type', async () => {
    const error = await stream('overloadedMidStream')
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error');
  });

  it.each([
    ['noMessageStop', /stream ended without producing a Message/u],
    ['malformedEvent', /JSON/u],
    // SDK 1.17 reports a body cut mid-stream as its APIConnectionError; 1.12 let fetch's "terminated" through.
    ['droppedConnection', /Connection error/u],
    ['wrongContentType', /without sending any chunks/u],
  ] as const)('%s rejects', async (name, message) => {
    // The SDK logs the unparsable event before it throws; keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => quiet.mockRestore());
    await expect(stream(name).finalMessage()).rejects.toThrow(message);
  });

  it('retries through failFirst and then streams', async () => {
    server.reset();
    const client = new Anthropic({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 2 });
    const message = await stream('flakyFast', client).finalMessage();
    expect(withoutParsedOutput(message)).toEqual(jsonClone(flaky.expectedMessage));
    expect(server.requests.map((request) => [request.status, request.attempt])).toEqual([
      [529, 0],
      [529, 1],
      [200, 2],
    ]);
  });
});

function create(name: string, client = noRetries()) {
  return client.messages.create(asking(name));
}

describe("the official SDK's messages.create(), without streaming", () => {
  it.each(Object.values(contentScenarios).map((scenario) => [scenario.name, scenario] as const))(
    'answers %s with its expected message',
    async (_name, scenario: MockScenario) => {
      expect(jsonClone(await create(scenario.name))).toEqual(jsonClone(scenario.expectedMessage));
      expect(server.requests.at(-1)?.body).not.toHaveProperty('stream');
    },
  );

  it.each(['badRequest', 'rateLimited', 'overloaded'] as const)(
    'fails %s with its HTTP error',
    async (name) => {
      const error = await create(name).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Anthropic.APIError);
      const apiError = error as InstanceType<typeof Anthropic.APIError>;
      expect([apiError.status, apiError.type]).toEqual([
        faultScenarios[name].expectedError?.status,
        faultScenarios[name].expectedError?.errorType,
      ]);
    },
  );

  it('fails overloadedMidStream with the status of its error event', async () => {
    const error = await create('overloadedMidStream').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect([apiError.status, apiError.type]).toEqual([529, 'overloaded_error']);
    expect(apiError.requestID).toMatch(/^req_01/u);
  });

  it.each([
    ['noMessageStop', /JSON/u],
    ['malformedEvent', /JSON/u],
    ['droppedConnection', /Connection error/u],
  ] as const)('fails %s as its stream fails', async (name, message) => {
    await expect(create(name)).rejects.toThrow(message);
  });

  it('retries through failFirst and then answers', async () => {
    server.reset();
    const client = new Anthropic({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 2 });
    expect(jsonClone(await create('flakyFast', client))).toEqual(jsonClone(flaky.expectedMessage));
    expect(server.requests.map((request) => request.status)).toEqual([529, 529, 200]);
  });
});
