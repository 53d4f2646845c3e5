import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelaySource } from './relay-source.ts';
import { createRelayStream } from './relay-stream.ts';

const encoder = new TextEncoder();
const PING = encoder.encode('PING\n\n');

/** A source fed by the test: `push` bytes, `fail` or `end`, before or after the relay asks. */
function manualSource(boundary = () => true) {
  type Result = ReadableStreamReadResult<Uint8Array> | Error;
  const queued: Result[] = [];
  const waiting: ((result: Result) => void)[] = [];
  const cancelled: unknown[] = [];
  const take = (): Promise<Result> =>
    queued.length > 0
      ? Promise.resolve(queued.shift() as Result)
      : new Promise((resolve) => waiting.push(resolve));
  const source: RelaySource = {
    read: async () => {
      const result = await take();
      if (result instanceof Error) throw result;
      return result;
    },
    atBoundary: boundary,
    cancel: async (reason) => {
      cancelled.push(reason);
    },
  };
  const settle = (result: Result): void => {
    const next = waiting.shift();
    if (next) next(result);
    else queued.push(result);
  };
  return {
    source,
    cancelled,
    push: (text: string) => settle({ done: false, value: encoder.encode(text) }),
    end: () => settle({ done: true, value: undefined }),
    fail: (error: Error) => settle(error),
  };
}

/** Lets the stream's pulls and the source's reads run. */
const settle = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 20));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createRelayStream', () => {
  const base = {
    ping: PING,
    errorEvent: () => encoder.encode('ERROR\n\n'),
    onError: () => undefined,
    isAborted: () => false,
  };

  it('pings after each idle interval and not while data flows', async () => {
    vi.useFakeTimers();
    const manual = manualSource();
    const stream = createRelayStream(manual.source, { ...base, pingIntervalMs: 1000 });
    const text = readAll(stream);
    await vi.advanceTimersByTimeAsync(999);
    manual.push('a\n\n');
    await vi.advanceTimersByTimeAsync(999);
    manual.push('b\n\n');
    await vi.advanceTimersByTimeAsync(2500);
    manual.end();
    expect(await text).toBe('a\n\nb\n\nPING\n\nPING\n\n');
  });

  it('holds a ping back while the stream is inside an event', async () => {
    vi.useFakeTimers();
    let boundary = false;
    const manual = manualSource(() => boundary);
    const text = readAll(createRelayStream(manual.source, { ...base, pingIntervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(350);
    boundary = true;
    await vi.advanceTimersByTimeAsync(100);
    manual.end();
    expect(await text).toBe('PING\n\n');
  });

  it('ends with the in-band error event when the source fails at a boundary, and reports it', async () => {
    const reported: unknown[] = [];
    const manual = manualSource();
    const text = readAll(
      createRelayStream(manual.source, {
        ...base,
        pingIntervalMs: 0,
        onError: (error) => reported.push(error),
      }),
    );
    manual.push('a\n\n');
    manual.fail(new Error('gone'));
    expect(await text).toBe('a\n\nERROR\n\n');
    expect(reported).toHaveLength(1);
  });

  it('reads upstream only as the client reads: a slow client holds back the upstream, not memory', async () => {
    let reads = 0;
    const chunk = encoder.encode(`data: ${'x'.repeat(1000)}\n\n`);
    // An upstream that always has more to give, as fast as it is asked.
    const source: RelaySource = {
      read: async () => {
        reads += 1;
        return { done: false, value: chunk };
      },
      atBoundary: () => true,
      cancel: async () => undefined,
    };
    const reader = createRelayStream(source, { ...base, pingIntervalMs: 0 }).getReader();
    await settle();
    expect(reads).toBe(0);
    for (let read = 1; read <= 3; read++) {
      await reader.read();
      await settle();
      expect(reads).toBe(read);
    }
    await reader.cancel();
  });

  it('cancels the source when the reader cancels', async () => {
    const manual = manualSource();
    const reader = createRelayStream(manual.source, { ...base, pingIntervalMs: 0 }).getReader();
    await reader.cancel('bye');
    expect(manual.cancelled).toEqual(['bye']);
  });
});
