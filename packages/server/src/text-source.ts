import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { RelaySource } from './relay-source.ts';
import { createTextChunkEncoder } from './text-chunk-encoder.ts';
import { TEXT_DONE_EVENT } from './text-done.ts';

/**
 * Turns the SDK's parsed event stream into plain-text protocol bytes as a {@link RelaySource}:
 * one event per text delta, text blocks after the first prefixed with a space (so the pieces join
 * like the SDK's `finalText()`), and `data: [DONE]` only once `message_stop` arrived.
 *
 * @example
 * const { data } = await client.messages.create(body, { signal }).withResponse();
 * const source = createTextSource(data, () => controller.abort());
 */
export function createTextSource(
  events: AsyncIterable<RawMessageStreamEvent>,
  abortUpstream: (reason?: unknown) => void,
): RelaySource {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = createTextChunkEncoder();
  const textBlocks = new Set<number>();
  let finished = false;
  return {
    async read() {
      while (!finished) {
        const next = await iterator.next();
        if (next.done === true) {
          finished = true;
          break;
        }
        const event = next.value;
        if (event.type === 'message_stop') {
          finished = true;
          return { done: false, value: TEXT_DONE_EVENT };
        }
        if (event.type === 'content_block_start' && event.content_block.type === 'text') {
          const separator = textBlocks.size > 0 ? ' ' : '';
          textBlocks.add(event.index);
          const bytes = encoder.encode(separator + event.content_block.text);
          if (bytes) return { done: false, value: bytes };
        }
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          const bytes = encoder.encode(event.delta.text);
          if (bytes) return { done: false, value: bytes };
        }
      }
      return { done: true, value: undefined };
    },
    atBoundary: () => true,
    async cancel(reason) {
      finished = true;
      abortUpstream(reason);
      await iterator.return?.().catch(() => undefined);
    },
  };
}
