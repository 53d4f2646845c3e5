import type { MessageStream } from '../stream/message-stream.ts';

/**
 * What a transport returned, if it is a stream to read; else a `TypeError`. An `async` transport
 * returns a Promise, which read as a stream would fail later ("stream.on is not a function") while
 * the answer was generated for nobody.
 */
export function checkTransportResult(stream: MessageStream): MessageStream {
  if (typeof (stream as Partial<MessageStream> | undefined)?.on !== 'function') {
    // Its stream, when it comes, is read by nobody: stop it there.
    const later = stream as unknown as Partial<PromiseLike<Partial<MessageStream>>> | undefined;
    if (typeof later?.then === 'function')
      later.then(
        (late) => late?.abort?.(),
        () => undefined,
      );
    throw new TypeError(
      `transport returned ${(stream as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof stream}, not a MessageStream: return readMessageStream(source) at once, which takes a promise of a Response or of a body`,
    );
  }
  return stream;
}
