import { describe, expect, it } from 'vitest';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { readMessageStream } from './read-message-stream.ts';

const whole = toSSE(transcripts['text']!);
const text = 'Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".';

describe('a stream after its message_stop', () => {
  it('stays complete when the connection then drops (a reset, a missing last chunk)', async () => {
    const body = controlledBody(whole);
    const stream = readMessageStream(sseResponse(body.body));
    await expect(stream.finalText()).resolves.toBe(text);
    body.fail(new TypeError('terminated', { cause: new Error('read ECONNRESET') }));
    expect(stream.status).toBe('complete');
  });

  it("ignores a relay's error event for that drop", async () => {
    const error = {
      type: 'error',
      error: { type: 'api_error', message: 'The connection to the Anthropic API failed.' },
    };
    const body = controlledBody(whole + toSSE([error]));
    const stream = readMessageStream(sseResponse(body.body));
    await expect(stream.finalText()).resolves.toBe(text);
    expect(stream.status).toBe('complete');
  });

  it('ends the events a reader iterates at message_stop when an error event comes in the same chunk', async () => {
    const error = {
      type: 'error',
      error: { type: 'api_error', message: 'The connection to the Anthropic API failed.' },
    };
    // One chunk: the whole message, then the relay's error for the drop that followed it.
    const body = controlledBody(whole + toSSE([error]));
    body.close();
    const stream = readMessageStream(sseResponse(body.body));
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('message_stop');
    expect(types).not.toContain('error');
    await expect(stream.finalText()).resolves.toBe(text);
    expect(stream.status).toBe('complete');
  });

  it('ends at message_stop when the server keeps the body open, and releases it', async () => {
    const body = controlledBody(whole);
    const stream = readMessageStream(sseResponse(body.body), { idleTimeoutMs: 60_000 });
    await expect(stream.finalText()).resolves.toBe(text);
    expect(body.cancelled).toBe(true);
  });
});
