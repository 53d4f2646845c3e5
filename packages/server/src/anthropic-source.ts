import { concatBytes } from './concat-bytes.ts';
import { createErrorEventRedactor } from './error-event-redactor.ts';
import type { Secrets } from './redact.ts';
import { renameErrorTypes } from './error-type-renamer.ts';
import { createByteSearch } from './byte-search.ts';
import { createEventBoundaryScanner } from './event-boundary.ts';
import type { RelaySource } from './relay-source.ts';

/**
 * Past this many bytes of one unfinished event, the relay stops holding it back and forwards it
 * (giving up clean pings and in-band errors until the next boundary) rather than grow memory.
 */
const MAX_HELD_BYTES = 4 * 1024 * 1024;

/** `message_stop`'s data as JSON structure: never in a text delta, whose quotes are escaped. */
const findMessageStop = createByteSearch(new TextEncoder().encode('"type":"message_stop"'));
/**
 * Enough of a chunk's end to hold its last event when that is `message_stop`: about 55 bytes from
 * Anthropic, about 200 from Bedrock (its invocation metrics ride along).
 */
const LAST_EVENT_BYTES = 512;

/**
 * Reads an upstream SSE body as a {@link RelaySource} that hands out whole events: the bytes are
 * forwarded unchanged, but the unfinished tail of a chunk waits for the rest of its event, so a
 * ping or an in-band error can always be inserted between events and a dropped connection never
 * leaves a half event in front of the error. With `secret`, an `error` event that quotes it gets it
 * redacted (see {@link createErrorEventRedactor}); with `renamesErrorTypes` (Bedrock's SDK names its
 * own), an `error` event gets Anthropic's type (see {@link renameErrorTypes}). Every other event goes
 * out as it came.
 *
 * @example
 * const source = createAnthropicSource(upstream.body, () => controller.abort(), apiKey);
 */
export function createAnthropicSource(
  body: ReadableStream<Uint8Array>,
  abortUpstream: (reason?: unknown) => void,
  secret?: Secrets,
  renamesErrorTypes = false,
): RelaySource {
  // Applied where each chunk is handed out, not as a wrapping source: that would cost every chunk
  // another promise.
  const redactSecret = createErrorEventRedactor(secret);
  const rename = renamesErrorTypes ? renameErrorTypes : same;
  const rewriteChunk = redactSecret ? (chunk: Uint8Array): Uint8Array => redactSecret(rename(chunk)) : rename;
  const reader = body.getReader();
  const scanner = createEventBoundaryScanner();
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let boundary = true;
  // Past the message's end, a connection that drops (a reset, a missing last chunk) loses nothing:
  // the stream ends as it would have, not with an error event after a complete answer.
  let whole = false;
  const next = (): Promise<ReadableStreamReadResult<Uint8Array>> =>
    reader.read().catch((error: unknown) => {
      if (whole) return { done: true, value: undefined };
      throw error;
    });
  return {
    async read() {
      for (;;) {
        const { done, value } = await next();
        if (done) {
          if (heldBytes === 0) return { done: true, value: undefined };
          // At the end the tail goes out as it is: byte for byte what upstream sent.
          const tail = concatBytes(held, heldBytes);
          held = [];
          heldBytes = 0;
          return { done: false, value: rewriteChunk(tail) };
        }
        if (value.byteLength === 0) continue;
        const end = scanner.scan(value);
        if (end === -1) {
          held.push(value);
          heldBytes += value.byteLength;
          if (heldBytes <= MAX_HELD_BYTES) continue;
          boundary = false;
          const out = concatBytes(held, heldBytes);
          held = [];
          heldBytes = 0;
          return { done: false, value: rewriteChunk(out) };
        }
        const out = concatBytes([...held, value.subarray(0, end)], heldBytes + end);
        const rest = value.subarray(end);
        held = rest.byteLength > 0 ? [rest] : [];
        heldBytes = rest.byteLength;
        boundary = true;
        whole ||= findMessageStop(out.subarray(Math.max(0, out.byteLength - LAST_EVENT_BYTES))) >= 0;
        return { done: false, value: rewriteChunk(out) };
      }
    },
    atBoundary: () => boundary,
    async cancel(reason) {
      try {
        abortUpstream(reason);
      } catch {
        // A runtime may refuse the abort (Workers, from another request): the reader's cancel,
        // tried again by the caller from the request that owns it, ends upstream then.
      }
      await reader.cancel(reason).catch(() => undefined);
    },
  };
}

function same(chunk: Uint8Array): Uint8Array {
  return chunk;
}
