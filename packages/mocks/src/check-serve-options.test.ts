import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { scenarios } from './catalogue.ts';
import { createMockResponse, createMockStream } from './mock-response.ts';
import { createChatHandlers } from './msw/chat-handlers.ts';
import { createFakeAnthropicServer } from './server/fake-anthropic-server.ts';

describe('mocks refuse what they cannot serve, naming it', () => {
  it.each([
    [
      'a scenario name where a scenario belongs',
      () => createMockResponse('basic' as never),
      TypeError,
      /expected a scenario such as scenarios.basic/,
    ],
    ['no scenario', () => createMockStream(undefined as never), TypeError, /expected a scenario/],
    [
      'an unknown timing preset',
      () => createMockResponse(scenarios.basic, { timing: 'fast' as never }),
      TypeError,
      /timing must be "instant", "realistic" or pacing options, got "fast"/,
    ],
    [
      'a speed of zero (the stream would never end)',
      () => createMockResponse(scenarios.basic, { timing: { tokensPerSecond: 0 } }),
      RangeError,
      /timing.tokensPerSecond must be a number above 0, got 0/,
    ],
    [
      'a negative time to first token',
      () => createMockResponse(scenarios.basic, { timing: { timeToFirstToken: -5 } }),
      RangeError,
      /timing.timeToFirstToken must be a number ≥ 0, got -5/,
    ],
    [
      'jitter over 1',
      () => createMockResponse(scenarios.basic, { timing: { jitter: 2 } }),
      RangeError,
      /timing.jitter must be a number from 0 to 1, got 2/,
    ],
    [
      'an unknown protocol',
      () => createMockResponse(scenarios.basic, { protocol: 'ndjson' as never }),
      TypeError,
      /protocol must be "anthropic" or "text", got "ndjson"/,
    ],
    [
      'a fractional attempt',
      () => createMockResponse(scenarios.basic, { attempt: 0.5 }),
      RangeError,
      /attempt must be a whole number ≥ 0/,
    ],
    [
      'handlers with an unknown scenario name',
      () => createChatHandlers({ scenario: 'weather' as never }),
      TypeError,
      /Unknown scenario "weather": one of basic, longAnswer/,
    ],
    [
      'handlers with a bad timing',
      () => createChatHandlers({ timing: { tokensPerSecond: Number.NaN } }),
      RangeError,
      /tokensPerSecond/,
    ],
    [
      'a text step that is not text',
      () =>
        scenario('x')
          .text(5 as never)
          .stop(),
      TypeError,
      /Scenario "x": the text step's text must be a string, got number/,
    ],
    [
      'a tool input that is not an object',
      () =>
        scenario('x')
          .toolUse('t', [] as never)
          .stop(),
      TypeError,
      /Scenario "x": the tool_use step's input must be an object/,
    ],
    [
      'a line ending no reader can split on',
      () => createMockResponse(scenarios.basic, { encoding: { lineEnding: 'LF' as never } }),
      TypeError,
      /encoding.lineEnding must be '\\n', '\\r\\n' or '\\r', got "LF"/,
    ],
    [
      'an encoding that is not an object',
      () => createMockResponse(scenarios.basic, { encoding: 'crlf' as never }),
      TypeError,
      /encoding must be an object of framing options/,
    ],
    [
      'negative JSON padding',
      () => createMockResponse(scenarios.basic, { encoding: { padJson: -1 } }),
      RangeError,
      /encoding.padJson must be a whole number ≥ 0, got -1/,
    ],
    [
      'random chunk sizes whose minimum passes their maximum',
      () => createMockResponse(scenarios.basic, { chunks: { min: 5, max: 1 } }),
      RangeError,
      /chunks must be 'event', a size in bytes, a list of sizes or \{ min, max, seed\? \} with 1 ≤ min ≤ max/,
    ],
    [
      'a chunking by name it does not know',
      () => createMockResponse(scenarios.basic, { chunks: 'events' as never }),
      RangeError,
      /chunks must be 'event', a size in bytes/,
    ],
    [
      'a zero chunk size in a list',
      () => createMockResponse(scenarios.basic, { chunks: [3, 0] }),
      RangeError,
      /chunks must be 'event' or sizes in bytes, each a whole number ≥ 1, got an array/,
    ],
    [
      'a ping interval below a millisecond (millions of pings)',
      () => createMockResponse(scenarios.basic, { timing: { pingInterval: 0.001 } }),
      RangeError,
      /timing.pingInterval must be 0 \(no pings\) or at least 1 ms, got 0.001/,
    ],
  ])('%s', (_name, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });

  it('a handler switched to an unknown scenario throws at use(), not at the next request', () => {
    const chat = createChatHandlers({ timing: 'instant' });
    expect(() => chat.use('nope' as never)).toThrow(/Unknown scenario "nope"/);
  });

  it('the fake API refuses bad options before it listens', async () => {
    await expect(createFakeAnthropicServer({ timing: 'slow' as never })).rejects.toThrow(/timing must be/);
  });

  it('a fake API on a port that is no port, or with an empty key, throws before it listens', async () => {
    await expect(createFakeAnthropicServer({ port: 'abc' as never })).rejects.toThrow(
      new RangeError('port must be a whole number from 0 to 65535, got "abc"'),
    );
    await expect(createFakeAnthropicServer({ apiKey: 123 as never })).rejects.toThrow(
      new TypeError('apiKey must be a non-empty string, got 123'),
    );
  });
});
