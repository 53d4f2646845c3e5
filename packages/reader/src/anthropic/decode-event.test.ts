import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { decodeAnthropicEvent } from './decode-event.ts';

const sse = (data: string, event = 'message') => ({ event, data, id: '' });

describe('decodeAnthropicEvent', () => {
  it('decodes by the JSON type, tolerating padding before the closing brace', () => {
    expect(
      decodeAnthropicEvent(
        sse('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}   }'),
      ),
    ).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'Hi' },
    });
    expect(decodeAnthropicEvent(sse('{"type":"ping"}', 'ping'))).toEqual({ type: 'ping' });
  });

  it('ignores unknown event types and unknown delta types', () => {
    expect(decodeAnthropicEvent(sse('{"type":"future_event","x":1}'))).toBeUndefined();
    expect(
      decodeAnthropicEvent(sse('{"type":"content_block_delta","index":0,"delta":{"type":"future_delta"}}')),
    ).toBeUndefined();
  });

  it("skips events named otherwise than Anthropic's unread (a gateway's keep-alive), as the SDK does", () => {
    expect(decodeAnthropicEvent(sse('{}', 'keepalive'))).toBeUndefined();
    expect(decodeAnthropicEvent(sse('not json', 'gateway.heartbeat'))).toBeUndefined();
    // Unnamed, or named as Anthropic names its events, it must be one.
    expect(() => decodeAnthropicEvent(sse('{}'))).toThrow(ProtocolError);
    expect(() => decodeAnthropicEvent(sse('{}', 'message_delta'))).toThrow(ProtocolError);
  });

  it("hints at protocol: 'text' for unnamed data that is not JSON (a plain-text server)", () => {
    expect(() => decodeAnthropicEvent(sse('Hello'))).toThrow(
      `Event "message" carried invalid JSON: Hello (plain text? use protocol 'text')`,
    );
  });

  it("says what a stream that ends with [DONE] is (OpenAI's style, the AI SDK's UI message stream)", () => {
    // Its JSON events ({"type":"text-delta"}) are unknown types, ignored; its end is not JSON.
    expect(decodeAnthropicEvent(sse('{"type":"text-delta","id":"0","delta":"Hi"}'))).toBeUndefined();
    expect(() => decodeAnthropicEvent(sse('[DONE]'))).toThrow(
      /\[DONE\] \(the end of an OpenAI-style stream, such as the AI SDK's: this reads Anthropic's events, or plain text with protocol 'text'\)/,
    );
  });

  it('gives no such hint for a named event, or for unnamed JSON cut short', () => {
    for (const [data, event] of [
      ['Hello', 'content_block_delta'],
      ['{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel', 'message'],
    ] as const) {
      const decode = (): unknown => decodeAnthropicEvent(sse(data, event));
      expect(decode).toThrow(ProtocolError);
      // The message ends with the data itself, no hint after it.
      expect(decode).toThrow(/carried invalid JSON: [^(]*$/);
    }
  });

  it.each([
    ['invalid JSON', '{"type":"ping"'],
    ['a JSON array', '[1]'],
    ['a JSON string', '"ping"'],
    ['no type', '{"index":0}'],
    ['a delta without index', '{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}'],
    ['a negative index', '{"type":"content_block_stop","index":-1}'],
    ['a block start without block', '{"type":"content_block_start","index":0}'],
    ['a message_start without content', '{"type":"message_start","message":{"id":"m"}}'],
    ['an error without error', '{"type":"error"}'],
    ['a text delta without text', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta"}}'],
    [
      'a thinking delta whose thinking is a number',
      '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":5}}',
    ],
    [
      'a tool-input delta whose JSON is not a string',
      '{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":{}}}',
    ],
    [
      'a signature delta without signature',
      '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta"}}',
    ],
    [
      'a citations delta whose citation is not an object',
      '{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":"x"}}',
    ],
    ['a block without a type', '{"type":"content_block_start","index":0,"content_block":{"text":""}}'],
    [
      'a text block whose text is not a string',
      '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":null}}',
    ],
    [
      'a thinking block without thinking',
      '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","signature":""}}',
    ],
    [
      'a tool call whose id is not a string',
      '{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":{},"name":"f","input":{}}}',
    ],
    [
      'a server tool call without a name',
      '{"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"s","input":{}}}',
    ],
    [
      'a text block citing something that is not an object',
      '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":[null]}}',
    ],
    [
      'a text block whose citations are not a list',
      '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"","citations":{}}}',
    ],
  ])('rejects %s with a ProtocolError', (_name, data) => {
    expect(() => decodeAnthropicEvent(sse(data))).toThrow(ProtocolError);
  });

  it('decodes deltas the same whether the API wrote them compactly or not', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.nat(1_000),
        fc.constantFrom('text_delta', 'input_json_delta'),
        (text, index, type) => {
          const delta = type === 'text_delta' ? { type, text } : { type, partial_json: text };
          const event = { type: 'content_block_delta', index, delta };
          const compact = decodeAnthropicEvent(sse(JSON.stringify(event)));
          expect(compact).toEqual(event);
          expect(decodeAnthropicEvent(sse(JSON.stringify(event, null, 1)))).toEqual(compact);
        },
      ),
    );
  });

  it('rejects a compact delta with a raw control character, as JSON.parse does', () => {
    // '\u0001' here is the character itself, unescaped inside the JSON string.
    const data = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\u0001"}}';
    expect(() => decodeAnthropicEvent(sse(data))).toThrow(ProtocolError);
  });
});
