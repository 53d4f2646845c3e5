import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server that answers every request with one recorded SSE body, in small writes. */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Replaces the body served next (and its chunk size in bytes). */
  serve(body: string, chunkSize?: number): void;
  close(): Promise<void>;
}

/**
 * Starts a {@link ReplayServer} on 127.0.0.1 (a random port), telling `onRequest` each request's
 * headers. Close it in `afterAll`.
 */
export async function startReplayServer(
  onRequest?: (headers: IncomingHttpHeaders) => void,
): Promise<ReplayServer> {
  let current = { body: Buffer.alloc(0), chunkSize: 64 };
  const server: Server = createServer((request, response) => {
    onRequest?.(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'request-id': 'req_replay',
      });
      const { body, chunkSize } = current;
      const writeFrom = (offset: number): void => {
        if (offset >= body.length) {
          response.end();
          return;
        }
        response.write(body.subarray(offset, offset + chunkSize));
        setImmediate(() => writeFrom(offset + chunkSize));
      };
      writeFrom(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(body, chunkSize = 64) {
      current = { body: Buffer.from(body, 'utf8'), chunkSize };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
