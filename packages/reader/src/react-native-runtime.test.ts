import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProtocolError } from './errors.ts';
import { streamMessage } from './fetch/stream-message.ts';
import { createChatSession } from './session/chat-session.ts';
import { persistChat } from './session/persist-chat.ts';
import { reconnectOnReturn } from './session/reconnect-on-return.ts';
import { readMessageStream } from './stream/read-message-stream.ts';
import { segmentText } from './text/segment-text.ts';
import { rejection } from './test/rejection.ts';
import { toSSE, transcripts } from './test/transcripts.ts';

const TEXT = toSSE(transcripts['text']!);

/** Text that arrives as one piece: a line, and the start of another. */
async function* twoLines(): AsyncGenerator<string> {
  yield 'One line.\nTwo';
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A response as React Native's own fetch (whatwg-fetch) makes it: no `body`, only `text()`. */
const wholeTextResponse = (): Response =>
  ({
    status: 200,
    ok: true,
    headers: new Headers({ 'content-type': 'text/event-stream' }),
    bodyUsed: false,
    text: async () => TEXT,
  }) as unknown as Response;

describe('a runtime like React Native’s', () => {
  it('a `window` that is the global object, without addEventListener, is no page to listen to', () => {
    vi.stubGlobal('window', {});
    const session = createChatSession({ api: 'https://relay.example/api/chat' });
    const storage = { getItem: () => null, setItem: () => undefined };
    expect(() => reconnectOnReturn(session)()).not.toThrow();
    expect(() => persistChat(session, 'chat', { storage })()).not.toThrow();
  });

  it('an absolute URL needs no URL.canParse; a relative one still says it cannot be resolved', async () => {
    vi.spyOn(URL, 'canParse').mockImplementation(() => {
      throw new TypeError('URL.canParse is not a function');
    });
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () => new Response(TEXT, { headers: { 'content-type': 'text/event-stream' } }),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(
      streamMessage({ url: 'https://relay.example/api/chat', body: {} }).finalText(),
    ).resolves.toContain('Hello!');
    expect(() => streamMessage({ url: '/api/chat' })).toThrow(
      'url "/api/chat" is relative, with no page to resolve it: give an absolute URL',
    );
  });

  it('a fetch that gives no body to stream fails once, saying which fetch to pass, instead of a lost stream', async () => {
    const fetch = vi.fn<() => Promise<Response>>(async () => wholeTextResponse());
    const stream = streamMessage({ url: 'https://relay.example/api/chat', body: {} }, { fetch });
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toBe(
      "No body to stream (React Native's fetch has none): pass a fetch that streams, such as expo/fetch's",
    );
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('a TextDecoder that cannot decode a stream (fast-text-encoding) is refused at once, not read as a lost connection', () => {
    class WholeTextDecoder {
      decode(bytes?: Uint8Array, options?: { stream?: boolean }): string {
        if (options?.stream) throw new Error("Failed to decode: the 'stream' option is unsupported.");
        return String.fromCharCode(...(bytes ?? []));
      }
    }
    vi.stubGlobal('TextDecoder', WholeTextDecoder);
    expect(() => readMessageStream(new ReadableStream<Uint8Array>())).toThrow(
      "There is no global TextDecoder that decodes streams (Failed to decode: the 'stream' option is unsupported.) here: load one (React Native: text-encoding's), or run in a browser or Node 18 or later (Jest: the jest-fixed-jsdom environment)",
    );
  });

  it('segmentText without Intl.Segmenter (Hermes) says what to load; lines need none', async () => {
    vi.stubGlobal('Intl', { ...Intl, Segmenter: undefined });
    expect(() => segmentText(twoLines(), 'sentence')).toThrow(
      'segmentText needs Intl.Segmenter (React Native: load @formatjs/intl-segmenter)',
    );
    const lines: string[] = [];
    for await (const line of segmentText(twoLines(), 'line')) lines.push(line);
    expect(lines).toEqual(['One line.\n', 'Two']);
  });
});
