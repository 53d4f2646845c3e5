import { describe, expect, it } from 'vitest';
import { createChatHandler } from './create-chat-handler.ts';
import { createNodeHandler } from './create-node-handler.ts';

describe('createChatHandler options', () => {
  it.each([
    [
      'a NaN max_tokens cap (Number of an unset variable)',
      { maxTokens: Number.NaN },
      RangeError,
      /maxTokens must be a whole number ≥ 1, got NaN/,
    ],
    [
      'a negative body limit',
      { maxBodyBytes: -1 },
      RangeError,
      /maxBodyBytes must be a whole number ≥ 1, got -1/,
    ],
    [
      'a fractional retry count',
      { maxRetries: 1.5 },
      RangeError,
      /maxRetries must be a whole number ≥ 0, got 1.5/,
    ],
    [
      'a NaN ping interval',
      { pingIntervalMs: Number.NaN },
      RangeError,
      /pingIntervalMs must be a number ≥ 0, got NaN/,
    ],
    // setTimeout turns Infinity into 1 ms: a ping storm.
    [
      'an endless ping interval',
      { pingIntervalMs: Infinity },
      RangeError,
      /pingIntervalMs must be a number ≥ 0, got Infinity/,
    ],
    [
      'endless retries',
      { maxRetries: Infinity },
      RangeError,
      /maxRetries must be a whole number ≥ 0, got Infinity/,
    ],
    [
      'one model where a list belongs',
      { allowedModels: 'claude-sonnet-4-6' },
      TypeError,
      /allowedModels must be an array of strings, got "claude-sonnet-4-6"/,
    ],
    [
      'tool names that are not strings',
      { allowedTools: [5] },
      TypeError,
      /allowedTools must be an array of strings, got an array/,
    ],
    [
      'an unknown protocol',
      { protocol: 'sse' },
      TypeError,
      /protocol must be "anthropic" or "text", got "sse"/,
    ],
    [
      'a hook that is not a function',
      { onFinish: 'log' },
      TypeError,
      /onFinish must be a function, got "log"/,
    ],
    ['a key that is not a string', { apiKey: 42 }, TypeError, /apiKey must be a string, got 42/],
    [
      'a system prompt that is neither text nor blocks',
      { system: { text: 'Be brief' } },
      TypeError,
      /system must be a string or an array/,
    ],
  ])('throws for %s, naming the option', (_name, options, type, message) => {
    const create = (): unknown => createChatHandler(options as never);
    expect(create).toThrow(type);
    expect(create).toThrow(message);
  });

  it('throws for options that are not an object, through the Node adapter too', () => {
    expect(() => createChatHandler(null as never)).toThrow(/takes an options object, got null/);
    expect(() => createNodeHandler(5 as never)).toThrow(TypeError);
  });

  it('takes every documented kind of value, no caps and never pinging included', () => {
    expect(() =>
      createChatHandler({
        apiKey: 'sk-test',
        baseURL: 'http://127.0.0.1:1',
        model: 'claude-sonnet-4-6',
        allowedModels: ['claude-sonnet-4-6'],
        maxTokens: Infinity,
        defaultMaxTokens: 512,
        maxBodyBytes: Infinity,
        allowedTools: ['web_search'],
        system: [{ type: 'text', text: 'Be brief.' }],
        cacheControl: { type: 'ephemeral', ttl: '5m' },
        allowedParams: ['service_tier'],
        protocol: 'text',
        pingIntervalMs: 0, // never
        maxRetries: 0,
        beforeRequest: () => undefined,
        onError: () => undefined,
        onFinish: () => undefined,
      }),
    ).not.toThrow();
  });
});
