import type { ContentBlock } from '@chatstream/reader';

const SERVER_CALLS: ReadonlySet<unknown> = new Set(['server_tool_use', 'mcp_tool_use']);

/**
 * Which side a block of a server tool's call and its result, one right after the other, joins the
 * other on (`data-joined`, which `MessageContent` hands every renderer for its root): `next` for the
 * call, `previous` for its result. The stylesheet draws the two as one card when both roots carry
 * it; they stay two blocks, as the API sends them.
 */
export function joinedSide(
  block: ContentBlock,
  index: number,
  content: readonly ContentBlock[],
): 'next' | 'previous' | undefined {
  if (SERVER_CALLS.has(block.type)) {
    return block['id'] !== undefined && content[index + 1]?.['tool_use_id'] === block['id']
      ? 'next'
      : undefined;
  }
  const before = content[index - 1];
  const call = block['tool_use_id'];
  return call !== undefined && before !== undefined && SERVER_CALLS.has(before.type) && before['id'] === call
    ? 'previous'
    : undefined;
}
