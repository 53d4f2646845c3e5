import { describe, expect, it } from 'vitest';
import { cacheTtlProblem } from './cache-ttl.ts';

const hour = { type: 'ephemeral', ttl: '1h' };
const five = { type: 'ephemeral', ttl: '5m' };
const text = (cacheControl: unknown) => ({ type: 'text', text: 'Hi', cache_control: cacheControl });

describe('cacheTtlProblem', () => {
  it('refuses an hour-long cache wherever a breakpoint can go, naming where', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ messages: [{ role: 'user', content: [text(hour)] }] }, 'messages.0.content.0.cache_control.ttl'],
      [
        {
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [text(hour)] }] },
          ],
        },
        'messages.1.content.0.content.0.cache_control.ttl',
      ],
      [
        { tools: [{ name: 'get_weather', input_schema: {}, cache_control: hour }] },
        'tools.0.cache_control.ttl',
      ],
      [{ system: [text(hour)] }, 'system.0.cache_control.ttl'],
      [{ cache_control: hour }, 'cache_control.ttl'],
    ];
    for (const [body, where] of cases) {
      expect(cacheTtlProblem(body, false)).toBe(
        `${where}: "1h" is not allowed by this server; use "5m" or leave it out.`,
      );
    }
  });

  it('takes 5-minute breakpoints, and an hour when the server caches for an hour', () => {
    const body = {
      messages: [{ role: 'user', content: [text(five), text({ type: 'ephemeral' }), text(hour)] }],
    };
    expect(cacheTtlProblem({ ...body, messages: [{ role: 'user', content: [text(five)] }] }, false)).toBe(
      undefined,
    );
    expect(cacheTtlProblem(body, true)).toBe(undefined);
    expect(cacheTtlProblem({ cache_control: { type: 'ephemeral', ttl: '1d' } }, true)).toBe(
      'cache_control.ttl: "1d" is not allowed by this server; use "5m" or "1h" or leave it out.',
    );
  });

  it("does not look into a tool call's input, a tool's schema or metadata, which are the app's data", () => {
    const body = {
      metadata: { user_id: 'u1', cache_control: { ttl: '1h' } },
      tools: [
        {
          name: 'set_cdn_cache',
          input_schema: {
            type: 'object',
            properties: { cache_control: { type: 'object', properties: { ttl: { enum: ['1h'] } } } },
          },
        },
      ],
      messages: [
        { role: 'user', content: 'Cache it for an hour' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 't', name: 'set_cdn_cache', input: { cache_control: { ttl: '1h' } } },
          ],
        },
      ],
    };
    expect(cacheTtlProblem(body, false)).toBe(undefined);
  });
});
