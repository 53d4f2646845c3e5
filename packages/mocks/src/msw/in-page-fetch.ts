import { getResponse, type HttpHandler } from 'msw';

/**
 * A `fetch` that answers from `handlers` in the page itself, with no service worker, and hands what
 * they do not answer to `fallback` (default: the page's `fetch` when this is created, so it can be
 * installed as the page's `fetch` itself). MSW's worker sends a
 * mocked response to the page whole where the browser cannot transfer a `ReadableStream` to it
 * (Safari, WebKit), so streams arrive in one piece there; this one streams everywhere.
 *
 * @example
 * const chat = createChatHandlers();
 * createChatSession({ api: '/api/chat', fetch: createInPageFetch(chat.handlers) });
 */
export function createInPageFetch(
  handlers: readonly HttpHandler[],
  // The page's fetch as it is now: installed as the page's own fetch, this must not call itself.
  fallback: typeof fetch = globalThis.fetch.bind(globalThis),
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    // The handlers read the body: the fallback gets the request unread.
    const response = await getResponse([...handlers], request.clone());
    return response ?? fallback(request);
  };
}

/**
 * Whether MSW's service worker can stream a mocked response to this page: the browser transfers a
 * `ReadableStream` over `postMessage` (Chromium and Firefox do, Safari does not).
 *
 * @example
 * if (!canStreamFromWorker()) session = createChatSession({ fetch: createInPageFetch(chat.handlers) });
 */
export function canStreamFromWorker(): boolean {
  const { port1, port2 } = new MessageChannel();
  try {
    const stream = new ReadableStream();
    port1.postMessage(stream, [stream]);
    return true;
  } catch {
    return false;
  } finally {
    port1.close();
    port2.close();
  }
}
