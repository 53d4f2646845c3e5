import { createByteSearch } from './byte-search.ts';
import { concatBytes } from './concat-bytes.ts';
import { createEventBoundaryScanner } from './event-boundary.ts';
import { redact, type Secrets, secretList } from './redact.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Returns a function that redacts each of `secrets` to `[redacted]` in every `error` event of a chunk of
 * SSE bytes that quotes it (an upstream, or a proxy in front of it, may put the key it received in
 * its message). Every other byte passes unchanged: a chunk that does not contain the key (one search
 * of its bytes) comes back as the very same array, and in one that does, only its error events are
 * rewritten. Undefined without a secret, or with one too short to redact.
 *
 * Chunks must hold whole events (the relay's Anthropic source hands them out so), so a key inside an
 * event never straddles two chunks; an unfinished event at the end of a chunk counts as one.
 *
 * @example
 * const redactChunk = createErrorEventRedactor(apiKey);
 * const out = redactChunk ? redactChunk(chunk) : chunk;
 */
export function createErrorEventRedactor(secrets: Secrets): ((chunk: Uint8Array) => Uint8Array) | undefined {
  const list = secretList(secrets);
  if (list.length === 0) return undefined;
  const finds = list.map((secret) => createByteSearch(encoder.encode(secret)));
  return (chunk) =>
    finds.every((find) => find(chunk) === -1)
      ? chunk
      : rewriteErrorEvents(chunk, (text) => redact(text, list));
}

/**
 * Rewrites the `error` events of a chunk of whole SSE events (see {@link isErrorEvent}) with
 * `rewrite`, leaving every other byte as it came; the same array when nothing changed.
 *
 * @example
 * rewriteErrorEvents(chunk, (text) => text.replace('secret', '[redacted]'));
 */
export function rewriteErrorEvents(chunk: Uint8Array, rewrite: (event: string) => string): Uint8Array {
  const ends: number[] = [];
  createEventBoundaryScanner().scan(chunk, ends);
  if (ends.at(-1) !== chunk.byteLength) ends.push(chunk.byteLength);
  const parts: Uint8Array[] = [];
  let changed = false;
  let start = 0;
  for (const end of ends) {
    const event = chunk.subarray(start, end);
    start = end;
    const text = decoder.decode(event);
    const rewritten = isErrorEvent(text) ? rewrite(text) : text;
    if (rewritten === text) parts.push(event);
    else {
      parts.push(encoder.encode(rewritten));
      changed = true;
    }
  }
  return changed ? concatBytes(parts) : chunk;
}

/**
 * True for an SSE event named `error`, or whose data is a JSON object of `type: "error"`: the SDK
 * goes by the name, `@chatstream/reader` by the type, so either makes a browser show its message.
 *
 * @example
 * isErrorEvent('event: error\ndata: {"type":"error","error":{…}}\n\n'); // true
 */
export function isErrorEvent(text: string): boolean {
  const data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'event' && value === 'error') return true;
    if (field === 'data') data.push(value);
  }
  try {
    return (JSON.parse(data.join('\n')) as { type?: unknown } | null)?.type === 'error';
  } catch {
    return false;
  }
}
