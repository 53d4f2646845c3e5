import { chatBody } from './relay-fixture.ts';

/** The relayed text without the `id:` lines a relay with resume adds. */
export const withoutIds = (text: string): string => text.replaceAll(/^id: \d+\n/gmu, '');

/** Reads on from `reader` until `enough` says so of the text read, or to the body's end; that text. */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  enough: (text: string) => boolean = () => false,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!enough(text)) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

/** Reads `body` until `enough` says so, then drops the connection; the whole events read. */
export async function readThenDrop(
  body: ReadableStream<Uint8Array>,
  enough: (text: string) => boolean,
): Promise<string> {
  const reader = body.getReader();
  const text = await readUntil(reader, enough);
  await reader.cancel();
  return text.slice(0, text.lastIndexOf('\n\n') + 2);
}

/** The id of the last event in `text` ('0' when there is none). */
export const lastEventId = (text: string): string => [...text.matchAll(/^id: (\d+)$/gmu)].at(-1)?.[1] ?? '0';

/** Starts streaming `scenario` through the relay at `url`, without reading it. */
export function startStream(url: string, scenario: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(scenario)),
  });
}

/**
 * Starts `scenario` at `url`, reads until the first text delta and drops the connection, as a phone
 * entering a tunnel: the stream's id, the whole events read and the response's `request-id`.
 */
export async function startThenDrop(
  url: string,
  scenario: string,
): Promise<{ id: string; before: string; requestId: string | null }> {
  const started = await startStream(url, scenario);
  const id = started.headers.get('chatstream-stream-id') ?? '';
  const before = await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
  return { id, before, requestId: started.headers.get('request-id') };
}

/** A resume of stream `id` after event `last` (no `Last-Event-ID` header when undefined). */
export function resumeStream(url: string, id: string, last: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'chatstream-resume': id };
  if (last !== undefined) headers['last-event-id'] = last;
  return fetch(url, { method: 'POST', headers });
}

/** A cancel (a Stop) of stream `id`. */
export const cancelStream = (url: string, id: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'chatstream-cancel': id } });

/** A resume request for a handler called directly. */
export function resumeRequest(id: string, last: string): Request {
  return new Request('http://127.0.0.1/api/chat', {
    method: 'POST',
    headers: { 'chatstream-resume': id, 'last-event-id': last },
  });
}
