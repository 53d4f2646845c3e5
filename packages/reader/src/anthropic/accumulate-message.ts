import { ProtocolError } from '../errors.ts';
import type { BlockProgress, Message, MessageSnapshot, MessageStreamEvent } from '../types.ts';
import { applyMessageDelta } from './apply-message-delta.ts';
import { applyBlockDelta, finishBlock, settleBlocks } from './apply-block-delta.ts';

/**
 * The pure reducer at the heart of the reader: applies one Anthropic stream event to a snapshot
 * and returns the next one. Structural sharing: unchanged blocks keep their identity; the changed
 * block, `content`, `blocks` and `message` are new objects. Events that change nothing (`ping`,
 * `error`) return the same snapshot.
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
  if (event.type === 'ping' || event.type === 'error') return snapshot;
  if (event.type === 'message_start') {
    if (snapshot && !snapshot.complete) {
      throw new ProtocolError('Received message_start before message_stop', { partial: snapshot });
    }
    return startMessage(event.message);
  }
  if (!snapshot) throw new ProtocolError(`Received ${event.type} before message_start`);
  if (snapshot.complete) {
    throw new ProtocolError(`Received ${event.type} after message_stop`, { partial: snapshot });
  }
  switch (event.type) {
    case 'content_block_start': {
      const { content } = snapshot.message;
      if (event.index !== content.length) {
        throw new ProtocolError(`content_block_start for index ${event.index}, expected ${content.length}`, {
          partial: snapshot,
        });
      }
      const block = { ...event.content_block };
      const progress: BlockProgress = { streaming: true };
      return withMessage(snapshot, { ...snapshot.message, content: [...content, block] }, [
        ...snapshot.blocks,
        progress,
      ]);
    }
    case 'content_block_delta':
    case 'content_block_stop': {
      const block = snapshot.message.content[event.index];
      const progress = snapshot.blocks[event.index];
      if (!block || !progress?.streaming) {
        throw new ProtocolError(
          `${event.type} for ${block ? 'stopped' : 'unknown'} block index ${event.index}`,
          { partial: snapshot },
        );
      }
      const next =
        event.type === 'content_block_delta'
          ? applyBlockDelta(block, progress, event.delta, snapshot)
          : finishBlock(block, progress, snapshot);
      return replaceBlock(snapshot, event.index, next.block, next.progress);
    }
    case 'message_delta':
      return withMessage(snapshot, applyMessageDelta(snapshot.message, event), snapshot.blocks);
    case 'message_stop': {
      // A block still open here was cut off (e.g. max_tokens inside tool JSON): settle it with
      // its best partial reading, flagged incomplete, rather than leave it "streaming" forever.
      const settled = settleBlocks(snapshot.message.content, snapshot.blocks);
      const message =
        settled.content === snapshot.message.content
          ? snapshot.message
          : { ...snapshot.message, content: settled.content };
      return { message, blocks: settled.blocks, complete: true };
    }
  }
}

function startMessage(message: Message): MessageSnapshot {
  const content = message.content.map((block) => ({ ...block }));
  return {
    message: { ...message, content, usage: { ...message.usage } },
    blocks: content.map(() => ({ streaming: false })),
    complete: false,
  };
}

function withMessage(
  snapshot: MessageSnapshot,
  message: Message,
  blocks: readonly BlockProgress[],
): MessageSnapshot {
  return { message, blocks, complete: snapshot.complete };
}

function replaceBlock(
  snapshot: MessageSnapshot,
  index: number,
  block: Message['content'][number],
  progress: BlockProgress,
): MessageSnapshot {
  const content = snapshot.message.content.slice();
  content[index] = block;
  const blocks = snapshot.blocks.slice();
  blocks[index] = progress;
  return withMessage(snapshot, { ...snapshot.message, content }, blocks);
}
