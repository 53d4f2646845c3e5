import { MessageStream, type MessageStreamOptions } from './message-stream.ts';
import type { StreamProtocol } from './event-decoder.ts';
import { checkSource, type StreamSource } from './response-body.ts';

/** Anything the read functions accept: a response (checked), a raw body, or a pending response. */
export type MessageStreamSource = StreamSource | Promise<StreamSource>;

/**
 * Reads an Anthropic Messages SSE stream — a `Response` (status and content type checked), a
 * body `ReadableStream`, or a promise of either — as a {@link MessageStream}.
 *
 * @example
 * const stream = readMessageStream(fetch('/api/chat', { method: 'POST', body }));
 * stream.on('text', (delta, text) => render(text));
 * const message = await stream.finalMessage();
 */
export function readMessageStream(
  source: MessageStreamSource,
  options: MessageStreamOptions = {},
): MessageStream {
  return readStream(source, options, 'anthropic');
}

/**
 * Reads the plain-text SSE protocol (`data: <text>` per piece, multi-line data joined with `\n`,
 * `data: [DONE]` at the end) as the same {@link MessageStream}: one text block, `end_turn`.
 * A stream that ends without `[DONE]` fails with an `IncompleteStreamError` keeping the text.
 *
 * @example
 * const text = await readTextStream(await fetch('/generate')).finalText();
 */
export function readTextStream(
  source: MessageStreamSource,
  options: MessageStreamOptions = {},
): MessageStream {
  return readStream(source, options, 'text');
}

function readStream(
  source: MessageStreamSource,
  options: MessageStreamOptions,
  protocol: StreamProtocol,
): MessageStream {
  checkSource(source, true);
  return new MessageStream({ ...options, protocol, connect: () => Promise.resolve(source) });
}
