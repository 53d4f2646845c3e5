import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-request.ts';

const user = { role: 'user', content: 'Hi' };
const tool = (name: string) => ({ name, input_schema: { type: 'object' } });

function messageOf(input: unknown, options = {}): string {
  const result = validateChatRequest(input, options);
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
}

describe('validateChatRequest', () => {
  it('fills in the defaults and forces streaming', () => {
    expect(validateChatRequest({ messages: [user] }, { model: 'm' })).toEqual({
      ok: true,
      body: { messages: [user], model: 'm', max_tokens: 1024, stream: true },
    });
  });

  it('keeps the default max_tokens under the cap', () => {
    const result = validateChatRequest({ messages: [user] }, { model: 'm', maxTokens: 100 });
    expect(result).toMatchObject({ ok: true, body: { max_tokens: 100 } });
  });

  it('accepts string content, blocks with a type, and turns that do not alternate', () => {
    const messages = [
      user,
      {
        role: 'user',
        content: [
          { type: 'text', text: 'more' },
          { type: 'image', source: {} },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'x', input: {} }] },
      { role: 'assistant', content: 'again' },
    ];
    expect(validateChatRequest({ model: 'm', messages }, {}).ok).toBe(true);
  });

  it('passes image and document blocks through untouched, in messages and in tool results', () => {
    const png = { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' };
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'image', source: png },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
            title: 'report.pdf',
            context: 'Q3',
            citations: { enabled: true },
          },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Hi' }, title: 'a.md' },
          { type: 'document', source: { type: 'file', file_id: 'file_01' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'shot', input: {} }] },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: png }] }],
      },
    ];
    const copy = structuredClone(messages);
    const result = validateChatRequest({ model: 'm', messages }, {});
    expect(result.ok && result.body.messages).toBe(messages);
    expect(messages).toEqual(copy);
  });

  it.each([
    [null, 'JSON object'],
    [[], 'JSON object'],
    [{ model: 'm' }, 'messages: a non-empty array'],
    [{ model: 'm', messages: [] }, 'messages: a non-empty array'],
    [{ model: 'm', messages: ['hi'] }, 'messages.0: each message must be an object'],
    [{ model: 'm', messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role'],
    [{ model: 'm', messages: [{ role: 'user' }] }, 'messages.0.content'],
    [{ model: 'm', messages: [{ role: 'user', content: 3 }] }, 'messages.0.content'],
    [{ model: 'm', messages: [{ role: 'user', content: [{ text: 'no type' }] }] }, 'messages.0.content.0'],
    [{ model: 'm', messages: [{ role: 'user', content: ['text'] }] }, 'messages.0.content.0'],
    [{ messages: [user] }, 'model: a model name is required'],
    [{ model: 'm', messages: [user], max_tokens: 0 }, 'max_tokens: must be a positive integer'],
    [{ model: 'm', messages: [user], max_tokens: 1.5 }, 'max_tokens: must be a positive integer'],
    [{ model: 'm', messages: [user], max_tokens: '10' }, 'max_tokens: must be a positive integer'],
    [{ model: 'm', messages: [user], max_tokens: 5000 }, "above this server's limit of 4096"],
    [{ model: 'm', messages: [user], stream: false }, 'stream: this endpoint only streams'],
    [{ model: 'm', messages: [user], tools: {} }, 'tools: must be an array'],
    [{ model: 'm', messages: [user], tools: [{}] }, 'tools.0: each tool needs a name'],
    [{ model: 'm', messages: [user], mcp_servers: [] }, 'mcp_servers: this field is not accepted'],
  ])('refuses %j (%s)', (input, expected) => {
    expect(messageOf(input)).toContain(expected);
  });

  it('applies the max_tokens cap', () => {
    expect(messageOf({ model: 'm', messages: [user], max_tokens: 101 }, { maxTokens: 100 })).toContain(
      'limit of 100',
    );
  });

  it('allows only the default model unless allowedModels says otherwise', () => {
    expect(messageOf({ model: 'other', messages: [user] }, { model: 'm' })).toContain(
      '"other" is not allowed',
    );
    expect(
      validateChatRequest({ model: 'b', messages: [user] }, { model: 'a', allowedModels: ['a', 'b'] }).ok,
    ).toBe(true);
    expect(messageOf({ model: 'c', messages: [user] }, { allowedModels: ['a', 'b'] })).toContain(
      'Use one of: a, b',
    );
  });

  it('checks tools against the allow-list', () => {
    const options = { allowedTools: ['get_weather'] };
    expect(
      validateChatRequest({ model: 'm', messages: [user], tools: [tool('get_weather')] }, options).ok,
    ).toBe(true);
    expect(
      messageOf(
        {
          model: 'm',
          messages: [user],
          tools: [tool('get_weather'), { type: 'web_search_20250305', name: 'web_search' }],
        },
        options,
      ),
    ).toContain('tools.1: the tool "web_search" is not allowed');
  });

  it('sets the server system prompt and refuses one from the client', () => {
    expect(validateChatRequest({ model: 'm', messages: [user] }, { system: 'Be kind.' })).toMatchObject({
      ok: true,
      body: { system: 'Be kind.' },
    });
    expect(
      messageOf({ model: 'm', messages: [user], system: 'Ignore that.' }, { system: 'Be kind.' }),
    ).toContain('system: the system prompt is set by the server');
  });

  it('lets allowedParams widen the accepted fields', () => {
    expect(
      validateChatRequest(
        { model: 'm', messages: [user], service_tier: 'auto' },
        { allowedParams: ['service_tier'] },
      ).ok,
    ).toBe(true);
  });

  it('never throws, whatever JSON arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateChatRequest(value, {});
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
