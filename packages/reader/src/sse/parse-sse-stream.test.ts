import { describe, expect, it, vi } from 'vitest';
import { AbortError, BufferLimitError } from '../errors.ts';
import type { ServerSentEvent } from '../types.ts';
import { parseSSEStream } from './parse-sse-stream.ts';

const encoder = new TextEncoder();

function sse(data: string, type = 'message', id = ''): ServerSentEvent {
  return { event: type, data, id };
}

/** A byte stream that serves `chunks`, then either closes or stays open forever. */
function byteStream(chunks: string[], options: { keepOpen?: boolean } = {}) {
  const cancel = vi.fn<(reason: unknown) => void>();
  let index = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
        else if (!options.keepOpen) controller.close();
        else return new Promise<void>(() => undefined);
        return undefined;
      },
      cancel,
    },
    { highWaterMark: 0 },
  );
  return { stream, cancel };
}

async function* textChunks(): AsyncGenerator<string> {
  yield 'data: a\r';
  yield '\ndata: b\r\n\r\n';
  yield 'data: c\n\n';
}

async function collect(iterable: AsyncIterable<ServerSentEvent>): Promise<ServerSentEvent[]> {
  const seen: ServerSentEvent[] = [];
  for await (const item of iterable) seen.push(item);
  return seen;
}

describe('parseSSEStream', () => {
  it('reads a ReadableStream of bytes', async () => {
    const { stream } = byteStream(['\uFEFFevent: ping\nda', 'ta: {"a":1}\n\nid: 4\ndata: é\n', '\n']);
    expect(await collect(parseSSEStream(stream))).toEqual([sse('{"a":1}', 'ping'), sse('é', 'message', '4')]);
  });

  it('reads an async iterable of strings', async () => {
    expect(await collect(parseSSEStream(textChunks()))).toEqual([sse('a\nb'), sse('c')]);
  });

  it('reads an async iterable mixing bytes and strings', async () => {
    const euro = encoder.encode('€');
    async function* chunks(): AsyncGenerator<Uint8Array | string> {
      yield encoder.encode('data: ');
      yield euro.subarray(0, 1);
      yield euro.subarray(1);
      yield '\n\n';
    }
    expect(await collect(parseSSEStream(chunks()))).toEqual([sse('€')]);
  });

  it('drops an event that never got its blank line', async () => {
    const { stream } = byteStream(['data: a\n\ndata: b\n']);
    expect(await collect(parseSSEStream(stream))).toEqual([sse('a')]);
  });

  it('passes retry and comments to the callbacks', async () => {
    const { stream } = byteStream([': hi\nretry: 250\ndata: a\n\n']);
    const onRetry = vi.fn<(ms: number) => void>();
    const onComment = vi.fn<(text: string) => void>();
    expect(await collect(parseSSEStream(stream, { onRetry, onComment }))).toEqual([sse('a')]);
    expect(onRetry).toHaveBeenCalledWith(250);
    expect(onComment).toHaveBeenCalledWith('hi');
  });

  it('releases the reader at the end without cancelling the body', async () => {
    const { stream, cancel } = byteStream(['data: a\n\n']);
    await collect(parseSSEStream(stream));
    expect(stream.locked).toBe(false);
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels the body when the consumer breaks out of the loop', async () => {
    const { stream, cancel } = byteStream(['data: a\n\ndata: b\n\n'], { keepOpen: true });
    for await (const item of parseSSEStream(stream)) {
      expect(item).toEqual(sse('a'));
      break;
    }
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('calls return() on an async iterator when the consumer breaks out of the loop', async () => {
    let finished = false;
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield 'data: a\n\n';
        yield 'data: b\n\n';
      } finally {
        finished = true;
      }
    }
    const seen = [];
    for await (const item of parseSSEStream(chunks())) {
      seen.push(item);
      break;
    }
    expect(seen).toEqual([sse('a')]);
    expect(finished).toBe(true);
  });

  it('on abort while a read is pending, cancels the body and rejects with the reason', async () => {
    const { stream, cancel } = byteStream(['data: a\n\n'], { keepOpen: true });
    const controller = new AbortController();
    const iterator = parseSSEStream(stream, { signal: controller.signal })[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: sse('a') });
    const pending = iterator.next();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(cancel).toHaveBeenCalledWith(reason);
  });

  it('on abort between events, cancels the body and rejects with the reason', async () => {
    const { stream, cancel } = byteStream(['data: a\n\ndata: b\n\n'], { keepOpen: true });
    const controller = new AbortController();
    const seen: ServerSentEvent[] = [];
    const reason = new Error('user stop');
    const run = async (): Promise<void> => {
      for await (const item of parseSSEStream(stream, { signal: controller.signal })) {
        seen.push(item);
        controller.abort(reason);
      }
    };
    await expect(run()).rejects.toBe(reason);
    expect(seen).toEqual([sse('a')]);
    expect(cancel).toHaveBeenCalledWith(reason);
  });

  it('rejects at once for a signal that is already aborted, and cancels the body', async () => {
    const { stream, cancel } = byteStream(['data: a\n\n']);
    const reason = new Error('too late');
    await expect(collect(parseSSEStream(stream, { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
    expect(cancel).toHaveBeenCalledWith(reason);
  });

  it('throws an AbortError when the aborted signal carries no reason', async () => {
    const { stream, cancel } = byteStream(['data: a\n\n']);
    const signal = {
      aborted: true,
      reason: undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    } as unknown as AbortSignal;
    await expect(collect(parseSSEStream(stream, { signal }))).rejects.toBeInstanceOf(AbortError);
    expect(cancel).toHaveBeenCalled();
  });

  it('on abort, stops waiting for an async iterator and calls its return()', async () => {
    const returned = vi.fn<() => Promise<IteratorResult<string>>>(() =>
      Promise.resolve({ done: true, value: undefined }),
    );
    const iterable: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<string>>(() => undefined),
        return: returned,
      }),
    };
    const controller = new AbortController();
    const result = collect(parseSSEStream(iterable, { signal: controller.signal }));
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(returned).toHaveBeenCalled();
  });

  it('propagates an error from the body unchanged', async () => {
    const failure = new TypeError('network down');
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(failure);
        else controller.enqueue(encoder.encode('data: a\n\n'));
        sent = true;
      },
    });
    const seen: ServerSentEvent[] = [];
    const run = async (): Promise<void> => {
      for await (const item of parseSSEStream(stream)) seen.push(item);
    };
    await expect(run()).rejects.toBe(failure);
    expect(seen).toEqual([sse('a')]);
  });

  it('propagates an error thrown by an async iterable unchanged', async () => {
    const failure = new Error('boom');
    async function* chunks(): AsyncGenerator<string> {
      yield 'data: a\n\n';
      throw failure;
    }
    await expect(collect(parseSSEStream(chunks()))).rejects.toBe(failure);
  });

  it('throws BufferLimitError past maxBufferSize and cancels the body', async () => {
    const { stream, cancel } = byteStream(['data: ok\n\n', `data: ${'x'.repeat(64)}`], { keepOpen: true });
    const seen: ServerSentEvent[] = [];
    const run = async (): Promise<void> => {
      for await (const item of parseSSEStream(stream, { maxBufferSize: 32 })) seen.push(item);
    };
    await expect(run()).rejects.toBeInstanceOf(BufferLimitError);
    expect(seen).toEqual([sse('ok')]);
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
