import type { BlockProgress, ContentBlock, MessageSnapshot, TextBlock } from '../types.ts';

const SETTLED: BlockProgress = { streaming: false };

/**
 * Merges the snapshot of a stream that continues an assistant message (a retry sent it back as the
 * prefix, or it paused with `pause_turn`) into that message: when the message ends in text and the
 * continuation starts with text, the two join into one block (the prefix without its trailing
 * whitespace, which is how it was sent), unless either cites sources: a block's citations cover all
 * its text, so those stay two blocks. Other blocks are appended. Usage and stop reason are the
 * continuation's; the code execution `container` the message ran in is kept when the continuation
 * names none (a later request reuses it by its id).
 *
 * @example
 * continueMessage({ content: [{ type: 'text', text: 'The press made books ' }] }, snapshot);
 * // content: [{ type: 'text', text: 'The press made books' + continuation text }, …rest of the continuation]
 */
export function continueMessage(
  base: {
    readonly content: readonly ContentBlock[];
    readonly blocks?: readonly BlockProgress[] | undefined;
    readonly message?: { readonly [key: string]: unknown } | undefined;
  },
  continuation: MessageSnapshot,
): MessageSnapshot {
  const { message, blocks } = continuation;
  const baseBlocks = base.content.map((_, index) => base.blocks?.[index] ?? SETTLED);
  const last = base.content.at(-1) as TextBlock | undefined;
  const first = message.content[0] as TextBlock | undefined;
  const texts = last?.type === 'text' && first?.type === 'text';
  const join = texts && !cites(last) && !cites(first);
  // The prefix as it was sent: its last text without trailing whitespace, left out when that is all.
  const trimmed = texts ? last.text.trimEnd() : '';
  const kept = texts ? base.content.slice(0, -1) : base.content;
  const keptBlocks = texts ? baseBlocks.slice(0, -1) : baseBlocks;
  const bridge = !texts
    ? []
    : join
      ? [{ ...last, ...first, text: trimmed + first.text }]
      : trimmed
        ? [{ ...last, text: trimmed }]
        : [];
  // A joined block streams as the continuation's first.
  const bridgeBlocks = texts && !join && trimmed ? baseBlocks.slice(-1) : [];
  return {
    message: {
      ...message,
      ...(message['container'] == null && base.message?.['container'] != null
        ? { container: base.message['container'] }
        : {}),
      content: [...kept, ...bridge, ...message.content.slice(join ? 1 : 0)],
    },
    blocks: [...keptBlocks, ...bridgeBlocks, ...blocks],
    complete: continuation.complete,
  };
}

function cites(block: TextBlock): boolean {
  return Array.isArray(block.citations) && block.citations.length > 0;
}
