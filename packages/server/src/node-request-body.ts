import type { IncomingMessage } from 'node:http';

// About what Node's own streams hold, so the upload flows without piling up in memory.
const HIGH_WATER_MARK = 64 * 1024;

/**
 * A Node request's body as a Web `ReadableStream`, read as it is pulled (backpressure reaches the
 * client's upload). Unlike `Readable.toWeb`, cancelling it (the relay refusing a body over
 * `maxBodyBytes`) stops reading without destroying the request: destroying it would close the
 * socket under the 413 before it is written, and the client would see a reset connection instead.
 * The adapter reads and drops the rest after a 413 (see `createNodeHandler`), and answers other
 * early refusals with `connection: close`.
 *
 * @example
 * new Request(url, { method: 'POST', body: nodeRequestBody(request), duplex: 'half' });
 */
export function nodeRequestBody(request: IncomingMessage): ReadableStream<Uint8Array> {
  let detach: () => void = noop;
  detachers.set(request, () => detach());
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer): void => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        };
        const onEnd = (): void => {
          detach();
          controller.close();
        };
        const onError = (error: Error): void => {
          detach();
          controller.error(error);
        };
        const onClose = (): void =>
          onError(new Error('The client closed the connection before the body ended.'));
        detach = () => {
          request.off('data', onData);
          request.off('end', onEnd);
          request.off('error', onError);
          request.off('close', onClose);
        };
        request.on('data', onData);
        request.once('end', onEnd);
        request.once('error', onError);
        request.once('close', onClose);
        request.pause();
      },
      pull() {
        request.resume();
      },
      cancel() {
        detach();
        request.pause();
      },
    },
    { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}

function noop(): void {
  // Replaced once the stream starts.
}

const detachers = new WeakMap<IncomingMessage, () => void>();

/**
 * Stops the Web body {@link nodeRequestBody} made of `request` from taking its data, without
 * cancelling it: a body refused by its declared length was never read, and would pause the request
 * again as its queue filled while the rest is dropped.
 */
export function detachRequestBody(request: IncomingMessage): void {
  detachers.get(request)?.();
}
