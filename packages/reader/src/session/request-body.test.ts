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

  it('merges request headers over the session headers', () => {
    const headers = requestHeaders({ headers: { 'x-a': '1', 'x-b': '1' } }, { headers: [['x-b', '2']] });
    expect(Object.fromEntries(headers)).toEqual({ 'x-a': '1', 'x-b': '2' });
  });
});
