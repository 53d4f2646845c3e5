import { cutAfter } from './cut-after.ts';

/**
 * A fetch whose responses lose their connection after the given numbers of bytes, one per
 * response in turn (a train tunnel, a switch of networks): the body fails as a browser's does, and
 * the server sees the client go. `offline` makes that many of the following requests fail at once;
 * `hang` makes every following request wait for its abort.
 */
export function flakyFetch(cuts: number[], offline = 0, hang = false) {
  const sent: { headers: Headers }[] = [];
  let down = 0;
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    sent.push({ headers: new Headers(init?.headers) });
    if (sent.length > 1 && hang) {
      // A network that swallows the request: nothing comes back until the client gives up.
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }),
      );
    }
    if (sent.length > 1 && down < offline) {
      down += 1;
      throw new TypeError('fetch failed');
    }
    const response = await globalThis.fetch(input, init);
    const cut = cuts.shift();
    if (cut === undefined || !response.body) return response;
    const body = cutAfter(response.body, cut);
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { fetch, sent };
}
