import { ProtocolError } from '../errors.ts';
import type { BlockProgress, Message, MessageSnapshot, MessageStreamEvent } from '../types.ts';
import { applyMessageDelta } from './apply-message-delta.ts';
import { applyBlockDelta, finishBlock, KNOWN_DELTAS, settleBlocks } from './apply-block-delta.ts';
import { ANTHROPIC_EVENTS } from './decode-event.ts';

/**
 * The pure reducer at the heart of the reader: applies one Anthropic stream event to a snapshot
 * and returns the next one. Structural sharing: unchanged blocks keep their identity; the changed
 * block, `content`, `blocks` and `message` are new objects. Events that change nothing (`ping`,
 * `error`, event types it does not know, and a delta of a type it does not know for a block that
 * streams: the API asks clients to ignore them, and the SDK's events reach it unfiltered) return the
 * same snapshot. A text or thinking block that stops is replaced by an equal
 * one whose string is stored flat (appending deltas builds a rope about 4× the text's size).
 *
 * Throws {@link ProtocolError} (carrying the last good snapshot as `partial`) for events out of
 * order: anything but `ping`/`error` before `message_start`, a block that does not start at the
 * next index, a delta or stop for a block that does not exist or already stopped, a delta of the
 * wrong kind for its block, invalid tool-input JSON, or content after `message_stop`.
 *
 * @example
 * let snapshot: MessageSnapshot | undefined;
 * for (const event of events) snapshot = accumulateMessage(snapshot, event);
 * snapshot?.message.content;
 */
export function accumulateMessage(snapshot: MessageSnapshot, event: MessageStreamEvent): MessageSnapshot;
export function accumulateMessage(
  snapshot: MessageSnapshot | undefined,
  event: MessageStreamEvent,
): MessageSnapshot | undefined;
export function accumulateMessage(
  snapshot: MessageSnapshot | undefined,
  event: MessageStreamEvent,
): MessageSnapshot | undefined {
  if (event.type === 'ping' || event.type === 'error' || !ANTHROPIC_EVENTS.has(event.type)) return snapshot;
  if (event.type === 'message_start') {
    if (snapshot && !snapshot.complete)
      throw violation('Received message_start before message_stop', snapshot);
    return startMessage(event.message);
  }
  if (!snapshot) throw violation(`Received ${event.type} before message_start`, snapshot);
  if (snapshot.complete) throw violation(`Received ${event.type} after message_stop`, snapshot);
  const { message, blocks } = snapshot;
  switch (event.type) {
    case 'content_block_start': {
      const { content } = message;
      if (event.index !== content.length) {
        throw violation(`content_block_start for index ${event.index}, expected ${content.length}`, snapshot);
      }
      const progress: BlockProgress = { streaming: true };
      return open({ ...message, content: [...content, { ...event.content_block }] }, [...blocks, progress]);
    }
    case 'content_block_delta':
    case 'content_block_stop': {
      const { index } = event;
      const block = message.content[index];
      const progress = blocks[index];
      if (!block || !progress?.streaming) {
        throw violation(`${event.type} for ${block ? 'stopped' : 'unknown'} block index ${index}`, snapshot);
      }
      if (event.type === 'content_block_delta' && !KNOWN_DELTAS.has(event.delta?.type)) return snapshot;
      const next =
        event.type === 'content_block_delta'
          ? applyBlockDelta(block, progress, event.delta, snapshot)
          : finishBlock(block, progress, snapshot);
      const content = message.content.slice();
      content[index] = next.block;
      // Text, thinking and citation deltas leave progress alone: share `blocks` rather than copy it.
      if (next.progress === progress) return open({ ...message, content }, blocks);
      const nextBlocks = blocks.slice();
      nextBlocks[index] = next.progress;
      return open({ ...message, content }, nextBlocks);
    }
    case 'message_delta':
      return open(applyMessageDelta(message, event), blocks);
    case 'message_stop': {
      // A block still open here was cut off (e.g. max_tokens inside tool JSON): settle it with
      // its best partial reading, flagged incomplete, rather than leave it "streaming" forever.
      const settled = settleBlocks(message.content, blocks);
      return {
        message: settled.content === message.content ? message : { ...message, content: settled.content },
        blocks: settled.blocks,
        complete: true,
      };
    }
  }
}

function startMessage(message: Message): MessageSnapshot {
  const content = message.content.map((block) => ({ ...block }));
  return open(
    { ...message, content, usage: { ...message.usage } },
    content.map(() => ({ streaming: false })),
  );
}

/** A snapshot of a message still streaming (before `message_stop`). */
function open(message: Message, blocks: readonly BlockProgress[]): MessageSnapshot {
  return { message, blocks, complete: false };
}

function violation(message: string, partial: MessageSnapshot | undefined): ProtocolError {
  return new ProtocolError(message, { partial });
}
