import { describe, expect, it } from 'vitest';
import { createAnthropicSource } from './anthropic-source.ts';
import { createErrorEventRedactor, isErrorEvent } from './error-event-redactor.ts';

const KEY = 'sk-ant-test-Zq8v3Kx7Lm2Np9Rw';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const delta = (text: string): string =>
  `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${text}"}}\n\n`;
const errorEvent = (message: string, eol = '\n'): string =>
  `event: error${eol}data: {"type":"error","error":{"type":"api_error","message":"${message}"}}${eol}${eol}`;

function redactor(): (chunk: Uint8Array) => Uint8Array {
  const redact = createErrorEventRedactor(KEY);
  if (!redact) throw new Error('expected a redactor');
  return redact;
}

describe('createErrorEventRedactor', () => {
  it('hands a chunk without the key back as the very same bytes', () => {
    const chunk = encoder.encode(delta(' there') + errorEvent('Overloaded'));
    expect(redactor()(chunk)).toBe(chunk);
  });

  it('redacts the key in an error event and leaves the events around it byte for byte', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const before = delta('Partial').replaceAll('\n', eol);
      const after = `: a comment after it${eol}${eol}`;
      const chunk = encoder.encode(before + errorEvent(`bad key ${KEY} (${KEY})`, eol) + after);
      expect(decoder.decode(redactor()(chunk))).toBe(
        before + errorEvent('bad key [redacted] ([redacted])', eol) + after,
      );
    }
  });

  it('redacts an unfinished error event at the end of a chunk too', () => {
    const cut = `event: error\ndata: {"type":"error","error":{"type":"api_error","message":"${KEY}`;
    expect(decoder.decode(redactor()(encoder.encode(delta('a') + cut)))).toBe(
      delta('a') + cut.replace(KEY, '[redacted]'),
    );
  });

  it('leaves the key in any other event alone: only error events are rewritten', () => {
    const chunk = encoder.encode(delta(`the user pasted ${KEY}`));
    expect(redactor()(chunk)).toBe(chunk);
  });

  it('is undefined without a secret to redact', () => {
    expect(createErrorEventRedactor(undefined)).toBeUndefined();
    expect(createErrorEventRedactor('abc')).toBeUndefined();
  });

  it('is applied by the Anthropic source given the key, however the upstream cuts its chunks', async () => {
    const upstream = delta('Partial') + errorEvent(`bad key ${KEY}`);
    const bytes = encoder.encode(upstream);
    for (const size of [1, 7, bytes.length]) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
          controller.close();
        },
      });
      const source = createAnthropicSource(body, () => undefined, KEY);
      let out = '';
      for (let result = await source.read(); !result.done; result = await source.read()) {
        out += decoder.decode(result.value);
      }
      expect(out).toBe(upstream.replace(KEY, '[redacted]'));
    }
  });
});

describe('isErrorEvent', () => {
  it('knows an error by its event name (as the SDK does) or by its data type (as the reader does)', () => {
    expect(isErrorEvent('event: error\ndata: oops\n\n')).toBe(true);
    expect(isErrorEvent('event:error\r\ndata: {}\r\n\r\n')).toBe(true);
    expect(isErrorEvent('data: {"type":"error",\ndata: "error":{}}\n\n')).toBe(true);
    expect(isErrorEvent(delta('error'))).toBe(false);
    expect(isErrorEvent('event: errors\ndata: {"type":"ping"}\n\n')).toBe(false);
    expect(isErrorEvent('data: not json\n\n')).toBe(false);
  });
});
