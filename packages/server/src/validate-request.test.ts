import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AllowedToolDefinition } from './allowed-tools.ts';
import { validateChatRequest } from './validate-request.ts';

const user = { role: 'user', content: 'Hi' };
const tool = (name: string) => ({ name, input_schema: { type: 'object' } });

function messageOf(input: unknown, options = {}): string {
  const result = validateChatRequest(input, options);
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
}

/** Whether a request declaring `tools` passes with `allowedTools`. */
const accepts = (allowedTools: string[], tools: unknown[]): boolean =>
  validateChatRequest({ model: 'm', messages: [user], tools }, { allowedTools }).ok;

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
    // Which models are allowed is not told: the caller may not even be signed in.
    expect(messageOf({ model: 'c', messages: [user] }, { allowedModels: ['a', 'b'] })).toBe(
      'model: "c" is not allowed by this server.',
    );
  });

  it('allows a custom tool by its name, with or without type "custom"', () => {
    const options = { allowedTools: ['get_weather'] };
    const custom = { type: 'custom', ...tool('get_weather') };
    expect(
      validateChatRequest({ model: 'm', messages: [user], tools: [tool('get_weather'), custom] }, options).ok,
    ).toBe(true);
    expect(messageOf({ model: 'm', messages: [user], tools: [tool('shell')] }, options)).toBe(
      'tools.0: the tool "shell" is not allowed by this server.',
    );
    expect(messageOf({ model: 'm', messages: [user], tools: [{ ...custom, name: 'shell' }] }, options)).toBe(
      'tools.0: the tool "shell" is not allowed by this server.',
    );
  });

  it('allows an Anthropic tool by its family or its exact type, never by its name', () => {
    const search = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };
    expect(accepts(['get_weather', 'web_search'], [tool('get_weather'), search])).toBe(true);
    expect(accepts(['web_search_20250305'], [search])).toBe(true);
    // Another version of the family is another exact type.
    expect(accepts(['web_search_20250305'], [{ ...search, type: 'web_search_20260101' }])).toBe(false);
    expect(accepts(['web_search'], [{ type: 'web_search_20260101', name: 'web_search' }])).toBe(true);
    expect(accepts(['get_weather'], [search])).toBe(false);
    expect(accepts(['web_search'], [{ type: 'web_fetch_20250910', name: 'web_search' }])).toBe(false);
  });

  it('refuses an Anthropic tool declared under the name of an allowed custom tool, naming its type', () => {
    const options = { allowedTools: ['get_weather', 'web_fetch'] };
    expect(
      messageOf(
        {
          model: 'm',
          messages: [user],
          tools: [tool('get_weather'), { type: 'bash_20250124', name: 'get_weather' }],
        },
        options,
      ),
    ).toBe(
      'tools.1: the Anthropic tool type "bash_20250124" (named "get_weather") is not allowed by this server.',
    );
    // What a config that allows a custom tool named like a family also allows (the README says so).
    expect(accepts(options.allowedTools, [{ type: 'web_fetch_20250910', name: 'web_fetch' }])).toBe(true);
  });

  it('refuses a tool whose type is not a string, and any tool without a name', () => {
    expect(messageOf({ model: 'm', messages: [user], tools: [{ ...tool('a'), type: 1 }] })).toBe(
      'tools.0.type: must be a string.',
    );
    expect(messageOf({ model: 'm', messages: [user], tools: [{ type: 'web_search_20250305' }] })).toBe(
      'tools.0: each tool needs a name.',
    );
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

  it("sends the server's definition of a pinned tool, whatever the client set", () => {
    const pinned: AllowedToolDefinition = {
      type: 'web_search_20250305',
      name: 'web_search',
      max_uses: 3,
      allowed_domains: ['a.example'],
    };
    const asked = { type: 'web_search_20250305', name: 'web_search', max_uses: 500 };
    const result = validateChatRequest(
      { model: 'm', messages: [user], tools: [asked, tool('get_weather')] },
      { allowedTools: ['get_weather', pinned] },
    );
    expect(result).toMatchObject({ ok: true, body: { tools: [pinned, tool('get_weather')] } });
  });

  it('refuses an hour-long cache breakpoint from the client unless the server caches for an hour', () => {
    const hour = { type: 'ephemeral', ttl: '1h' } as const;
    const input = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: hour }] }],
      tools: [{ ...tool('get_weather'), cache_control: hour }],
    };
    expect(messageOf(input)).toBe(
      'messages.0.content.0.cache_control.ttl: "1h" is not allowed by this server; use "5m" or leave it out.',
    );
    expect(validateChatRequest(input, { cacheControl: hour }).ok).toBe(true);
    const fiveMinutes = { type: 'ephemeral', ttl: '5m' };
    expect(
      validateChatRequest(
        {
          model: 'm',
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: fiveMinutes }] }],
        },
        {},
      ).ok,
    ).toBe(true);
  });

  it("puts the server's metadata in place of the client's", () => {
    const input = { model: 'm', messages: [user], metadata: { user_id: 'someone-else' } };
    expect(validateChatRequest(input, {})).toMatchObject({
      ok: true,
      body: { metadata: { user_id: 'someone-else' } },
    });
    expect(validateChatRequest(input, { metadata: { user_id: 'u-1' } })).toMatchObject({
      ok: true,
      body: { metadata: { user_id: 'u-1' } },
    });
    // A function of the request: the caller (the handler) sets what it returns.
    const result = validateChatRequest(input, { metadata: () => ({ user_id: 'u-2' }) });
    expect(result.ok && result.body).not.toHaveProperty('metadata');
  });

  it('refuses a body nested deeper than the SDK can serialise, without overflowing its own stack', () => {
    const depth = 2_000_000;
    const text = `{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}]}]}`;
    expect(messageOf(JSON.parse(text))).toBe('The request body is nested more than 256 levels deep.');
    const schema = {
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'string' } } } },
    };
    expect(
      validateChatRequest({ model: 'm', messages: [user], tools: [{ name: 'a', input_schema: schema }] }, {})
        .ok,
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

  it("sends the server's cache breakpoint without a ttl that was given as undefined", () => {
    const result = validateChatRequest(
      { model: 'm', messages: [user] },
      { cacheControl: { type: 'ephemeral', ttl: undefined } },
    );
    expect(result.ok && result.body.cache_control).toStrictEqual({ type: 'ephemeral' });
  });
});
