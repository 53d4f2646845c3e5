import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ConnectionError, ProtocolError, StreamEventError } from '../errors.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { sseResponse } from '../test/msw-sse.ts';
import { rejection } from '../test/rejection.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream } from './read-message-stream.ts';

const TEXT = toSSE(transcripts['text']!);

/** What a second bundle's ConnectionError looks like here: the same shape, another class. */
const dropped = (): Error =>
  Object.assign(new Error('Socket closed (1006)'), { kind: 'connection', partial: undefined });

describe('a source that cannot be read', () => {
  it('a Response whose body was already read is a TypeError at once, not a network failure later', async () => {
    const used = sseResponse(TEXT);
    await used.text();
    expect(() => readMessageStream(used)).toThrow('The body is already read or being read');
    const locked = sseResponse(TEXT);
    locked.body!.getReader();
    expect(() => readMessageStream(locked.body!)).toThrow(TypeError);
    await expect(readMessageEvents(locked, {})).rejects.toThrow(TypeError);
  });

  it('a fetch that rejects is a ConnectionError for readMessageEvents, as for readMessageStream', async () => {
    const failed = Promise.reject(new TypeError('fetch failed'));
    const error = await rejection(readMessageEvents(failed, {}));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('returning an iterator by hand ends the read waiting beside it', async () => {
    const stream = readMessageStream(new ReadableStream<Uint8Array>());
    const iterator = stream[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await iterator.return!();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(stream.status).toBe('aborted');
  });

  it('a source of the app’s own (a socket) fails with the typed error it gives, not a lost connection', async () => {
    const bytes = new TextEncoder().encode(TEXT); // message_start is ASCII: same offsets
    const overloaded = new StreamEventError('overloaded_error', 'Overloaded (socket closed with 1011)');
    let reads = 0;
    const socket = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (reads++ === 0) controller.enqueue(bytes.subarray(0, TEXT.indexOf('\n\n') + 2));
        else controller.error(overloaded);
      },
    });
    const stream = readMessageStream(socket);
    const error = await rejection(stream.finalMessage());
    expect(error).toBe(overloaded);
    expect(error.partial?.message.id).toBeDefined();
  });

  it('knows a typed error from another copy of chatstream by its kind: kept as given, retried as its kind says', async () => {
    const failing = dropped();
    const socket = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(failing) });
    expect(await rejection(readMessageStream(socket).finalMessage())).toBe(failing);
    let attempts = 0;
    const fetch = async (): Promise<Response> => {
      attempts += 1;
      const body =
        attempts === 1
          ? new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(dropped()) })
          : TEXT;
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const stream = streamMessage(
      { url: 'http://chat.test/api/chat', body: {} },
      { fetch, retry: { initialDelayMs: 0 } },
    );
    expect(await stream.finalText()).toBe('Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".');
    expect(attempts).toBe(2);
  });

  it('chunks that are neither bytes nor text are a ProtocolError, asked for once, not retried', async () => {
    const sent: unknown[] = [];
    // Event objects passed on as they came from a socket, without their SSE text.
    const fetch = async (): Promise<Response> => {
      const events = new ReadableStream({
        start(controller) {
          controller.enqueue(transcripts['text']![0]);
          controller.close();
        },
      });
      sent.push(events);
      return new Response(events as ReadableStream<Uint8Array>, {
        headers: { 'content-type': 'text/event-stream' },
      });
    };
    const stream = streamMessage({ url: 'http://chat.test/api/chat', body: {} }, { fetch });
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toBe(
      "A stream's chunks are bytes (a Uint8Array or an ArrayBuffer) or text; one was Object",
    );
    expect(sent).toHaveLength(1);
  });

  it('reads bytes made in another realm (Jest’s jsdom, an iframe) as bytes', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    const foreign = vm.runInNewContext('(source) => Uint8Array.from(source)')(bytes) as Uint8Array;
    expect(foreign).not.toBeInstanceOf(Uint8Array);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(foreign);
        controller.close();
      },
    });
    const stream = readMessageStream(body);
    await stream.finalMessage();
    expect(stream.stats.bytes).toBe(bytes.byteLength);
  });

  it('reads ArrayBuffers (a WebSocket’s binary messages) as bytes', async () => {
    const bytes = new TextEncoder().encode(TEXT);
    const socket = new ReadableStream<ArrayBuffer>({
      start(controller) {
        controller.enqueue(bytes.buffer.slice(0, 50));
        controller.enqueue(bytes.buffer.slice(50));
        controller.close();
      },
    });
    const stream = readMessageStream(socket as unknown as ReadableStream<Uint8Array>);
    expect((await stream.finalMessage()).content).toHaveLength(1);
    expect(stream.stats.bytes).toBe(bytes.byteLength);
  });

  it('reads a stream of text, counting its UTF-8 bytes', async () => {
    const text = new ReadableStream<string>({
      start(controller) {
        controller.enqueue(TEXT.slice(0, 100));
        controller.enqueue(TEXT.slice(100));
        controller.close();
      },
    });
    const stream = readMessageStream(text as unknown as ReadableStream<Uint8Array>);
    const message = await stream.finalMessage();
    expect(message.content.length).toBeGreaterThan(0);
    expect(stream.stats.bytes).toBe(new TextEncoder().encode(TEXT).byteLength);
  });
});
