import type { BlockProgress, ContentBlock, MessageSnapshot, TextBlock } from '../types.ts';

const SETTLED: BlockProgress = { streaming: false };

/**
 * Merges the snapshot of a stream that continues an assistant message (a retry sent it back as the
 * prefix, or it paused with `pause_turn`) into that message: when the message ends in text and the
 * continuation starts with text, the two join into one block (the prefix without its trailing
 * whitespace, which is how it was sent); other blocks are appended. Usage and stop reason are the
 * continuation's.
 *
 * @example
 * continueMessage({ content: [{ type: 'text', text: 'The press made books ' }] }, snapshot);
 * // content: [{ type: 'text', text: 'The press made books' + continuation text }, …rest of the continuation]
 */
export function continueMessage(
  base: { readonly content: readonly ContentBlock[]; readonly blocks?: readonly BlockProgress[] | undefined },
  continuation: MessageSnapshot,
): MessageSnapshot {
  const { message, blocks } = continuation;
  const baseBlocks = base.content.map((_, index) => base.blocks?.[index] ?? SETTLED);
  const last = base.content.at(-1) as TextBlock | undefined;
  const first = message.content[0] as TextBlock | undefined;
  const join = last?.type === 'text' && first?.type === 'text';
  return {
    message: {
      ...message,
      content: join
        ? [
            ...base.content.slice(0, -1),
            { ...last, ...first, text: last.text.trimEnd() + first.text },
            ...message.content.slice(1),
          ]
        : [...base.content, ...message.content],
    },
    blocks: [...(join ? baseBlocks.slice(0, -1) : baseBlocks), ...blocks],
    complete: continuation.complete,
  };
}
