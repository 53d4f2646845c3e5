import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message.ts';
import { requestBody, requestHeaders } from './request-body.ts';

const user = (text: string): ChatMessage => ({ id: text, role: 'user', content: [{ type: 'text', text }] });

describe('requestBody', () => {
  it('builds { messages, system, model, max_tokens, tools, ...body } without undefined fields', () => {
    const body = requestBody(
      {
        system: 'S',
        maxTokens: 100,
        tools: { get_weather: { description: 'Weather', inputSchema: { type: 'object' }, execute: () => 1 } },
        body: { temperature: 1, model: 'from-body' },
      },
      [user('Hi')],
      { body: { temperature: 0 } },
    );
    expect(body).toEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      system: 'S',
      max_tokens: 100,
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      model: 'from-body',
      temperature: 0,
    });
  });

  it("sends a body's tools (server tools) beside the session's, a body tool of the same name winning", () => {
    const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };
    const session = {
      tools: {
        get_weather: { inputSchema: { type: 'object' } },
        lookup: { inputSchema: { type: 'object' } },
      },
      body: { tools: [webSearch] },
    } as const;
    expect(requestBody(session, [user('Hi')])['tools']).toEqual([
      { name: 'get_weather', input_schema: { type: 'object' } },
      { name: 'lookup', input_schema: { type: 'object' } },
      webSearch,
    ]);
    // The request's list replaces the session body's, and still goes beside the client tools.
    const lookup = { name: 'lookup', description: 'Mine', input_schema: { type: 'object', properties: {} } };
    expect(requestBody(session, [user('Hi')], { body: { tools: [lookup] } })['tools']).toEqual([
      { name: 'get_weather', input_schema: { type: 'object' } },
      lookup,
    ]);
    expect(requestBody({ body: { tools: [webSearch] } }, [user('Hi')])['tools']).toEqual([webSearch]);
  });

  it("sends a custom tool's definition fields beside its schema (defer_loading for tool search)", () => {
    const body = requestBody(
      {
        tools: {
          get_weather: {
            description: 'Weather now',
            inputSchema: { type: 'object' },
            definition: { defer_loading: true },
            execute: () => 'sunny',
          },
        },
      },
      [],
      {},
    );
    expect(body['tools']).toEqual([
      {
        defer_loading: true,
        name: 'get_weather',
        description: 'Weather now',
        input_schema: { type: 'object' },
      },
    ]);
  });

  it('merges request headers over the session headers', () => {
    const headers = requestHeaders({ headers: { 'x-a': '1', 'x-b': '1' } }, { headers: [['x-b', '2']] });
    expect(Object.fromEntries(headers)).toEqual({ 'x-a': '1', 'x-b': '2' });
  });
});
