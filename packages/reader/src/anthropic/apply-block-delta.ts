import { ProtocolError } from '../errors.ts';
import type {
  BlockProgress,
  ContentBlock,
  ContentBlockDelta,
  MessageSnapshot,
  TextBlock,
  ThinkingBlock,
} from '../types.ts';
import { isBlankJSON, keepParser, takeParser } from './tool-input.ts';

/** A block and its progress after a change. */
export interface BlockUpdate {
  block: ContentBlock;
  progress: BlockProgress;
}

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/** True for blocks whose `input` streams as JSON (`tool_use`, `server_tool_use`, `mcp_tool_use`). */
export function isToolBlock(block: ContentBlock): block is ContentBlock & { input: unknown } {
  return TOOL_BLOCKS.has(block.type);
}

/** Applies one delta to the block it targets; throws {@link ProtocolError} if the kinds do not match. */
export function applyBlockDelta(
  block: ContentBlock,
  progress: BlockProgress,
  delta: ContentBlockDelta,
  snapshot: MessageSnapshot,
): BlockUpdate {
  switch (delta.type) {
    case 'text_delta': {
      const text = expect<TextBlock>(block, 'text', delta.type, snapshot);
      return { block: { ...text, text: text.text + delta.text }, progress };
    }
    case 'citations_delta': {
      const text = expect<TextBlock>(block, 'text', delta.type, snapshot);
      return { block: { ...text, citations: [...(text.citations ?? []), delta.citation] }, progress };
    }
    case 'thinking_delta': {
      const thinking = expect<ThinkingBlock>(block, 'thinking', delta.type, snapshot);
      return { block: { ...thinking, thinking: thinking.thinking + delta.thinking }, progress };
    }
    case 'signature_delta': {
      const thinking = expect<ThinkingBlock>(block, 'thinking', delta.type, snapshot);
      return { block: { ...thinking, signature: delta.signature }, progress };
    }
    case 'input_json_delta':
      return applyInputJSON(block, progress, delta.partial_json, snapshot);
  }
}

function applyInputJSON(
  block: ContentBlock,
  progress: BlockProgress,
  fragment: string,
  snapshot: MessageSnapshot,
): BlockUpdate {
  if (!isToolBlock(block)) throw mismatch(block, 'input_json_delta', snapshot);
  const parser = takeParser(progress);
  try {
    parser.push(fragment);
  } catch (cause) {
    throw new ProtocolError(`Tool input of block "${block.type}" is not valid JSON: ${describe(cause)}`, {
      partial: snapshot,
      cause,
    });
  }
  const next: BlockProgress = {
    streaming: true,
    inputJson: (progress.inputJson ?? '') + fragment,
    inputComplete: false,
  };
  keepParser(next, parser);
  const live = parser.value;
  return { block: live === undefined ? block : { ...block, input: live }, progress: next };
}

/** Closes a block at `content_block_stop`: tool input must now be complete, valid JSON. */
export function finishBlock(
  block: ContentBlock,
  progress: BlockProgress,
  snapshot: MessageSnapshot,
): BlockUpdate {
  if (!isToolBlock(block) || progress.inputJson === undefined) {
    return { block, progress: { ...progress, streaming: false } };
  }
  const json = progress.inputJson;
  if (isBlankJSON(json)) {
    // Only "" fragments arrived: the API's `{}` placeholder is the input.
    return { block, progress: { streaming: false, inputJson: json, inputComplete: true } };
  }
  let input: unknown;
  try {
    input = takeParser(progress).end();
  } catch (cause) {
    throw new ProtocolError(`Tool input of block "${block.type}" ended as invalid JSON: ${describe(cause)}`, {
      partial: snapshot,
      cause,
    });
  }
  return { block: { ...block, input }, progress: { streaming: false, inputJson: json, inputComplete: true } };
}

/**
 * Settles blocks still open when the message ends (cut off by `max_tokens`): each stops
 * streaming; a tool input that parses completely is complete, otherwise it keeps its best partial
 * reading with `inputComplete: false`. Returns the same arrays when nothing was open.
 */
export function settleBlocks(
  content: ContentBlock[],
  blocks: readonly BlockProgress[],
): { content: ContentBlock[]; blocks: readonly BlockProgress[] } {
  if (!blocks.some((progress) => progress.streaming)) return { content, blocks };
  const nextContent = content.slice();
  const nextBlocks = blocks.map((progress, index) => {
    if (!progress.streaming) return progress;
    const block = content[index];
    if (
      !block ||
      !isToolBlock(block) ||
      progress.inputJson === undefined ||
      isBlankJSON(progress.inputJson)
    ) {
      return { ...progress, streaming: false };
    }
    try {
      nextContent[index] = { ...block, input: takeParser(progress).end() };
      return { streaming: false, inputJson: progress.inputJson, inputComplete: true };
    } catch {
      return { streaming: false, inputJson: progress.inputJson, inputComplete: false };
    }
  });
  return { content: nextContent, blocks: nextBlocks };
}

function expect<T extends ContentBlock>(
  block: ContentBlock,
  type: T['type'],
  delta: string,
  snapshot: MessageSnapshot,
): T {
  if (block.type !== type) throw mismatch(block, delta, snapshot);
  return block as T;
}

function mismatch(block: ContentBlock, delta: string, snapshot: MessageSnapshot): ProtocolError {
  return new ProtocolError(`Received ${delta} for a "${block.type}" block`, { partial: snapshot });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
