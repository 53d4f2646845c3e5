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
    // Node fires a timer longer than 2^31 - 1 ms at once: a heartbeat every millisecond.
    [
      'a ping interval longer than a timer waits',
      { pingIntervalMs: 2 ** 31 },
      RangeError,
      /pingIntervalMs must be at most 2147483647 ms \(24.8 days, the longest a timer waits\), got 2147483648/,
    ],
    // 0 would end every answer at its first wait; "never" is leaving it out.
    [
      'an upstream idle timeout of 0',
      { upstreamIdleTimeoutMs: 0 },
      RangeError,
      /upstreamIdleTimeoutMs must be a number ≥ 1, got 0/,
    ],
    // ... and upstream aborted as soon as the client's connection drops.
    [
      'a grace period longer than a timer waits',
      { resume: { graceMs: 30 * 86_400_000 } },
      RangeError,
      /resume.graceMs must be at most 2147483647 ms \(24.8 days, the longest a timer waits\), got 2592000000/,
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
      /allowedTools must be an array of tool names and definitions \({ name, type\?, … }\), got an array: entry 0 is neither a name nor a tool definition/,
    ],
    [
      'a tool definition without a name',
      { allowedTools: [{ type: 'web_search_20250305', max_uses: 3 }] },
      TypeError,
      /allowedTools must be .*: entry 0 is a definition without a name/,
    ],
    [
      'two definitions of one tool (two versions of a family)',
      {
        allowedTools: [
          { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
          { type: 'web_search_20260209', name: 'web_search', max_uses: 9 },
        ],
      },
      TypeError,
      /entry 1 defines web_search a second time/,
    ],
    [
      'metadata that is neither an object nor a function',
      { metadata: 'user-1' },
      TypeError,
      /metadata must be an object such as \{ user_id: "…" \} or a function of the request, got "user-1"/,
    ],
    [
      'an authorize hook that is not a function',
      { authorize: true },
      TypeError,
      /authorize must be a function, got true/,
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
    [
      'a waitUntil that is not a function',
      { waitUntil: true },
      TypeError,
      /waitUntil must be a function, got true/,
    ],
    ['a key that is not a string', { apiKey: 42 }, TypeError, /apiKey must be a string, got 42/],
    [
      'a system prompt that is neither text nor blocks',
      { system: { text: 'Be brief' } },
      TypeError,
      /system must be a string or an array/,
    ],
    [
      'a misspelt cap, which would leave the relay uncapped',
      { maxToken: 10 },
      TypeError,
      /^maxToken is not an option of createChatHandler \(did you mean maxTokens\?\)$/,
    ],
    [
      'a misspelt list',
      { allowedTool: ['get_weather'] },
      TypeError,
      /^allowedTool is not an option of createChatHandler \(did you mean allowedTools\?\)$/,
    ],
    [
      'a misspelt resume option',
      { resume: { graceMS: 10 } },
      TypeError,
      /^resume.graceMS is not an option of createChatHandler \(did you mean resume.graceMs\?\)$/,
    ],
    [
      'an option it has nothing like',
      { colour: 'red' },
      TypeError,
      /^colour is not an option of createChatHandler$/,
    ],
    [
      'a default model the allowed models refuse, which would fail every request that names none',
      { model: 'a', allowedModels: ['b', 'c'] },
      TypeError,
      /model "a" must be one of allowedModels \(b, c\)/,
    ],
    ['an empty model name', { model: '' }, TypeError, /model must be a model name, got ""/],
    [
      'a base URL that is not one',
      { baseURL: 'not a url' },
      TypeError,
      /baseURL must be an absolute URL such as "https:\/\/api.anthropic.com", got "not a url"/,
    ],
    [
      'system blocks that are not text blocks',
      { system: [1, 2] },
      TypeError,
      /system must be a string or an array/,
    ],
    [
      'a metadata user id that is not a string',
      { metadata: { user_id: 5 } },
      TypeError,
      /metadata must be an object such as \{ user_id: "…" \}/,
    ],
    [
      'a ping interval below a millisecond, a timer storm',
      { pingIntervalMs: 0.5 },
      RangeError,
      /pingIntervalMs must be 0 \(no pings\) or at least 1 ms, got 0.5/,
    ],
  ])('throws for %s, naming the option', (_name, options, type, message) => {
    const create = (): unknown => createChatHandler(options as never);
    expect(create).toThrow(type);
    expect(create).toThrow(message);
  });

  it('takes metadata whose user_id is null, as the SDK types it', () => {
    expect(() => createChatHandler({ metadata: { user_id: null } })).not.toThrow();
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
        allowedTools: [
          'get_weather',
          { type: 'web_search_20250305', name: 'web_search', max_uses: 3, allowed_domains: ['example.com'] },
          { name: 'lookup', description: 'Looks it up.', input_schema: { type: 'object' } },
        ],
        metadata: { user_id: 'user-1' },
        authorize: () => undefined,
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

  it('takes undefined for any option as its absence (a variable that is not set)', () => {
    expect(() =>
      createChatHandler({
        apiKey: undefined,
        model: undefined,
        maxTokens: undefined,
        pingIntervalMs: undefined,
        cacheControl: { type: 'ephemeral', ttl: undefined },
        resume: { graceMs: undefined, ttlMs: undefined, store: undefined, waitUntil: undefined },
        onError: undefined,
      }),
    ).not.toThrow();
  });
});
