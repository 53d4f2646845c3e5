import { describe, expect, it } from 'vitest';
import { renameErrorTypes } from './error-type-renamer.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const delta = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}';
const deltaEvent = `event: content_block_delta\ndata: ${delta}\n\n`;
const errorEvent = (type: string): string =>
  `event: error\ndata: {"type":"error","error":{"type":"${type}","message":"Too many tokens, please wait."}}\n\n`;

describe('renameErrorTypes', () => {
  it("gives the error event AnthropicBedrock makes of a Bedrock exception Anthropic's type", () => {
    const chunk = encoder.encode(deltaEvent + errorEvent('throttlingException'));
    expect(decoder.decode(renameErrorTypes(chunk))).toBe(deltaEvent + errorEvent('rate_limit_error'));
  });

  it('hands back the very same bytes when there is nothing to rename', () => {
    for (const text of [
      deltaEvent,
      deltaEvent + errorEvent('overloaded_error'),
      errorEvent('newException'),
    ]) {
      const chunk = encoder.encode(text);
      expect(renameErrorTypes(chunk)).toBe(chunk);
    }
  });

  it('leaves an error event it cannot parse as it came', () => {
    const cut = 'event: error\ndata: {"type":"error","error":{"type":"throttlingExc';
    const chunk = encoder.encode(deltaEvent + cut);
    expect(renameErrorTypes(chunk)).toBe(chunk);
  });
});
