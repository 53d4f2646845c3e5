import type { BlockProgress, ChatMessage } from '@chatstream/reader';

/**
 * True while a block still receives deltas: its progress says it is open and its message is still
 * streaming. A message that failed or was stopped leaves its last block open in the snapshot, and
 * that block must not keep a cursor or a "Preparing…" label.
 *
 * @example
 * const streaming = isStillStreaming(props.progress, props.message);
 */
export function isStillStreaming(
  progress: BlockProgress | undefined,
  message: ChatMessage | undefined,
): boolean {
  return progress?.streaming === true && (message?.status === undefined || message.status === 'streaming');
}
