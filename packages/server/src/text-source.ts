import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { createTextJoiner } from '@chatstream/reader';
import type { RelaySource } from './relay-source.ts';
import { createTextChunkEncoder } from './text-chunk-encoder.ts';
import { TEXT_DONE_EVENT } from './text-done.ts';

/**
 * Turns the SDK's parsed event stream into plain-text protocol bytes as a {@link RelaySource}:
 * one event per text delta, the text joined as the reader's `finalText()` joins it (`joinTextBlocks`:
 * a blank line before text after a tool call or a search, cited pieces as they are), and
 * `data: [DONE]` only once `message_stop` arrived. `continued`: the request continues an answer that
 * has text (`after-other` when it ends on a search), which what streams joins.
 *
 * @example
 * const { data } = await client.messages.create(body, { signal }).withResponse();
 * const source = createTextSource(data, () => controller.abort());
 */
export function createTextSource(
  events: AsyncIterable<RawMessageStreamEvent>,
  abortUpstream: (reason?: unknown) => void,
  continued?: 'text' | 'after-other',
): RelaySource {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = createTextChunkEncoder();
  // Joined as the reader's finalText() joins: text blocks as they are (citations cut a sentence into
  // several), a blank line before text that follows another kind of block (a tool call, a search).
  // Continuing an answer's text (a Continue): a search it begins with, or one it ended on, breaks from it.
  const joiner = createTextJoiner(continued);
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
        let text = '';
        if (event.type === 'content_block_start') {
          joiner.blockStart(event.content_block.type);
          if (event.content_block.type === 'text') text = event.content_block.text;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          text = event.delta.text;
        }
        const joined = joiner.text(text);
        if (!joined) continue;
        const bytes = encoder.encode(joined);
        if (bytes) return { done: false, value: bytes };
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
