import { describe, expect, it, vi } from 'vitest';
import {
  type ChatSessionOptions,
  createChatSession,
  createPartialJSONParser,
  createSSEDecoder,
  createSSEParser,
  type MessageStream,
  readMessageEvents,
  readMessageStream,
  readTextStream,
  segmentText,
  streamMessage,
} from './index.ts';

const body = (): ReadableStream<Uint8Array> => new Response('').body as ReadableStream<Uint8Array>;
const request = { url: 'http://127.0.0.1:9/never' };
async function* noText(): AsyncGenerator<string> {}
/** A session that could not make its request, as its snapshot shows it. */
const setupFailure = (message: unknown) => ({
  status: 'error',
  error: { kind: 'session', code: 'setup', message },
});

describe('bad arguments fail at the call, with the option named', () => {
  it.each<[string, () => unknown, ErrorConstructor, RegExp]>([
    [
      'an SSE parser without onEvent',
      () => createSSEParser({} as never),
      TypeError,
      /onEvent must be a function/,
    ],
    ['an SSE parser without callbacks', () => createSSEParser(null as never), TypeError, /onEvent/],
    [
      'an SSE decoder whose onRetry is not a function',
      () => createSSEDecoder({ onEvent: () => undefined, onRetry: 5 as never }),
      TypeError,
      /onRetry must be a function, got 5/,
    ],
    [
      'a NaN idle timeout (as Number() of a missing setting gives)',
      () => readMessageStream(body(), { idleTimeoutMs: Number.NaN }),
      RangeError,
      /idleTimeoutMs must be a number above 0, got NaN/,
    ],
    [
      'a negative total timeout',
      () => readTextStream(body(), { totalTimeoutMs: -1 }),
      RangeError,
      /totalTimeoutMs must be a number above 0, got -1/,
    ],
    [
      'a fractional max_tokens',
      () => readMessageStream(body(), { maxTokens: 1.5 }),
      RangeError,
      /maxTokens must be a whole number ≥ 1, got 1.5/,
    ],
    [
      'a signal that is not an AbortSignal',
      () => readMessageStream(body(), { signal: {} as never }),
      TypeError,
      /signal must be an AbortSignal/,
    ],
    ['nothing to read', () => readMessageStream(null as never), TypeError, /Expected a Response.*got null/],
    ['a string to read', () => readMessageStream('data: x' as never), TypeError, /got string/],
    [
      'an unknown protocol',
      () => streamMessage(request, { protocol: 'sse' as never }),
      RangeError,
      /protocol must be "anthropic" or "text", got "sse"/,
    ],
    [
      'a zero headers timeout',
      () => streamMessage(request, { headersTimeoutMs: 0 }),
      RangeError,
      /headersTimeoutMs must be a number above 0, got 0/,
    ],
    [
      'a negative retry count',
      () => streamMessage(request, { retry: { maxRetries: -1 } }),
      RangeError,
      /retry.maxRetries must be a whole number ≥ 0, got -1/,
    ],
    [
      'a retry setting that is not options',
      () => streamMessage(request, { retry: 3 as never }),
      TypeError,
      /retry must be false or an object/,
    ],
    [
      'a URL that is neither a string nor a URL (fetch would call it a network failure, and retry it)',
      () => streamMessage({ url: 5 as never }),
      TypeError,
      /url must be a string or a URL, got 5/,
    ],
    [
      'a relative URL where no page can resolve it (Node, Bun, Deno): fetch would fail it, and retry it',
      () => streamMessage({ url: '/api/chat' }),
      TypeError,
      /url "\/api\/chat" is relative, with no page to resolve it: give an absolute URL/,
    ],
    [
      'the default URL where no page can resolve it',
      () => streamMessage({}),
      TypeError,
      /url "\/api\/chat" is relative/,
    ],
    [
      'a session endpoint that is neither a string nor a URL',
      () => createChatSession({ api: { path: '/api/chat' } as never }),
      TypeError,
      /api must be a string or a URL, got an object/,
    ],
    [
      'a fetch that is not a function',
      () => streamMessage(request, { fetch: 'fetch' as never }),
      TypeError,
      /fetch must be a function, got "fetch"/,
    ],
    [
      'a push of something other than text',
      () => createPartialJSONParser().push(5 as never),
      TypeError,
      /push\(\) takes a string, got number/,
    ],
    [
      'an unknown text granularity',
      () => segmentText(noText(), 'paragraph' as never),
      RangeError,
      /granularity must be "sentence" or "word" or "line", got "paragraph"/,
    ],
    [
      'text that is not an async iterable',
      () => segmentText('hello' as never, 'word'),
      TypeError,
      /async iterable of text/,
    ],
    [
      'zero steps',
      () => createChatSession({ maxSteps: 0 }),
      RangeError,
      /maxSteps must be a whole number ≥ 1, got 0/,
    ],
    [
      'a negative throttle',
      () => createChatSession({ throttle: -5 }),
      RangeError,
      /throttle must be a number ≥ 0/,
    ],
    [
      'a throttle of an unknown kind',
      () => createChatSession({ throttle: 'idle' as never }),
      TypeError,
      /throttle must be 'frame', a number of milliseconds, false or a scheduling function, got "idle"/,
    ],
    [
      'a tool whose execute is not a function',
      () => createChatSession({ tools: { f: { inputSchema: { type: 'object' }, execute: true as never } } }),
      TypeError,
      /tools.f.execute must be a function/,
    ],
    [
      'a tool name the API would refuse in every request',
      () => createChatSession({ tools: { 'get weather': { inputSchema: { type: 'object' } } } }),
      TypeError,
      /Tool name "get weather" must be 1 to 64 letters, digits, _ or -/,
    ],
    [
      'a tool without its input schema (the API requires one)',
      () => createChatSession({ tools: { get_weather: { execute: () => 1 } } }),
      TypeError,
      /tools.get_weather.inputSchema must be a JSON Schema object/,
    ],
    [
      'a tool Anthropic defines given a schema of its own (the API would refuse it)',
      () =>
        createChatSession({ tools: { bash: { type: 'bash_20250124', inputSchema: { type: 'object' } } } }),
      TypeError,
      /tools.bash is Anthropic's bash_20250124, whose input schema is built in: leave out inputSchema/,
    ],
    [
      'needsApproval read from settings as text, which would pass for false and run the tool unasked',
      () =>
        createChatSession({
          tools: { rm: { inputSchema: { type: 'object' }, needsApproval: 'true' as never } },
        }),
      TypeError,
      /tools.rm.needsApproval must be true, false or a function, got "true"/,
    ],
    [
      'an async needsApproval, whose promise would be a yes to every call',
      () =>
        createChatSession({
          tools: { rm: { inputSchema: { type: 'object' }, needsApproval: (async () => false) as never } },
        }),
      TypeError,
      /tools.rm.needsApproval must answer at once \(true or false\): it is an async function/,
    ],
    [
      'a definition naming the tool again (it would be sent under that name, and every call be unknown)',
      () =>
        createChatSession({
          tools: {
            editor: { type: 'text_editor_20250728', definition: { name: 'str_replace_based_edit_tool' } },
          },
        }),
      TypeError,
      /tools.editor.definition.name: the tool's name is its key in tools/,
    ],
    [
      'a custom tool whose definition sets its schema again (sent, it would override the one checked)',
      () =>
        createChatSession({
          tools: {
            find: { inputSchema: { type: 'object' }, definition: { input_schema: { type: 'object' } } },
          },
        }),
      TypeError,
      /tools.find.definition.input_schema: the tool's input_schema is its inputSchema option/,
    ],
    [
      'an empty type for a tool Anthropic defines',
      () => createChatSession({ tools: { bash: { type: '' } } }),
      TypeError,
      /tools.bash.type must be the type Anthropic names the tool by, got ""/,
    ],
    [
      'an input schema that is not an object schema (the API takes no other)',
      () => createChatSession({ tools: { get_weather: { inputSchema: {} } } }),
      TypeError,
      /tools.get_weather.inputSchema.type must be "object", got undefined/,
    ],
    [
      'a string schema for a tool input',
      () => createChatSession({ tools: { echo: { inputSchema: { type: 'string' } } } }),
      TypeError,
      /tools.echo.inputSchema.type must be "object", got "string"/,
    ],
    [
      'an initial error that is no chatstream error',
      () => createChatSession({ initialMessages: [], initialError: { message: 'x' } as never }),
      TypeError,
      /initialError must be a chatstream error or its JSON form/,
    ],
    [
      'a bad option set later',
      () => createChatSession().setOptions({ idleTimeoutMs: Number.NaN }),
      RangeError,
      /idleTimeoutMs/,
    ],
  ])('%s', (_name, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });

  it('rejects a sink-mode read of nothing, or with a sink that is not callbacks', async () => {
    await expect(readMessageEvents(null as never, {})).rejects.toThrow(TypeError);
    await expect(readMessageEvents(body(), { onText: 'x' as never })).rejects.toThrow(
      /sink.onText must be a function/,
    );
  });

  it("sends a relative URL through a fetch of the app's own, or where a page resolves it", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('', { status: 204 }));
    await streamMessage({ url: '/api/chat' }, { fetch, retry: false }).done();
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/chat');
    vi.stubGlobal('location', new URL('http://127.0.0.1:9/chat'));
    vi.stubGlobal('fetch', fetch);
    try {
      await streamMessage({ url: '/api/chat' }, { retry: false }).done();
      expect(fetch).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
    }
    // A session sends nothing before the app's first message: one made while a server renders is fine.
    expect(() => createChatSession({ api: '/api/chat' })).not.toThrow();
  });

  it('says how to get a fetch or a TextDecoder where there is none (Jest under stock jsdom)', async () => {
    vi.stubGlobal('fetch', undefined);
    try {
      expect(() => streamMessage(request)).toThrow(
        /There is no global fetch here: pass the fetch option, or run in a browser or Node 18 or later/,
      );
      // A session shows it as its error, as any failure (a Retry once set up right), not as a
      // rejected send() that nothing hears.
      const session = createChatSession({ api: request.url });
      await session.send('Hi');
      expect(session.getSnapshot()).toMatchObject(setupFailure(expect.stringMatching(/no global fetch/)));
      expect(session.getSnapshot().messages.map((message) => message.role)).toEqual(['user']);
    } finally {
      vi.unstubAllGlobals();
    }
    vi.stubGlobal('TextDecoder', undefined);
    try {
      // At the call: not a failed read, which would pass for a lost connection and be retried.
      expect(() => readMessageStream(body())).toThrow(
        /There is no global TextDecoder that decodes streams \(TextDecoder is not a constructor\) here: load one/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('shows a transport that returned no stream (an async one) as a setup error, and stops the late stream', async () => {
    let late: MessageStream | undefined;
    const session = createChatSession({
      // Waits for a socket first, as an app may write it.
      transport: (async () => {
        await Promise.resolve();
        late = readMessageStream(new ReadableStream<Uint8Array>());
        return late;
      }) as unknown as ChatSessionOptions['transport'],
    });
    await session.send('Hi');
    expect(session.getSnapshot()).toMatchObject(
      setupFailure(
        'transport returned Promise, not a MessageStream: return readMessageStream(source) at once, which takes a promise of a Response or of a body',
      ),
    );
    await vi.waitFor(() => expect(late?.status).toBe('aborted'));
  });

  it('accepts every documented form', () => {
    const controller = new AbortController();
    expect(() => {
      readMessageStream(body(), { idleTimeoutMs: 1000, totalTimeoutMs: Infinity, maxTokens: 1024 }).abort();
      readMessageStream(Promise.resolve(body()), {
        signal: controller.signal,
        maxBufferSize: Infinity,
      }).abort();
      streamMessage(request, { retry: false, headersTimeoutMs: 5000, protocol: 'text' }).abort();
      createChatSession({
        throttle: 0,
        maxSteps: Infinity,
        tools: { f: { inputSchema: { type: 'object' } } },
      });
      createChatSession({ throttle: false }).setOptions({ throttle: 'frame' });
      segmentText(noText(), 'line');
    }).not.toThrow();
  });
});
