import { ProtocolError } from '../errors.ts';
import type {
  BlockProgress,
  ContentBlock,
  ContentBlockDelta,
  MessageSnapshot,
  TextBlock,
  ThinkingBlock,
} from '../types.ts';
import { flatCopy } from './flat-copy.ts';
import { isToolBlock } from './is-block.ts';
import { isBlankJSON, keepInput, readLiveInput, takeInput } from './tool-input.ts';

/** A block and its progress after a change. */
export interface BlockUpdate {
  block: ContentBlock;
  progress: BlockProgress;
}

/**
 * Each known delta type: the field of its payload, and the type of block it applies to (none for
 * `input_json_delta`, which applies to any tool block).
 */
export const KNOWN_DELTAS: ReadonlyMap<unknown, readonly [field: string, target?: string]> = new Map<
  unknown,
  readonly [field: string, target?: string]
>([
  ['text_delta', ['text', 'text']],
  ['input_json_delta', ['partial_json']],
  ['thinking_delta', ['thinking', 'thinking']],
  ['signature_delta', ['signature', 'thinking']],
  ['citations_delta', ['citation', 'text']],
]);

/** Applies one delta to the block it targets; throws {@link ProtocolError} if the kinds do not match. */
export function applyBlockDelta(
  block: ContentBlock,
  progress: BlockProgress,
  delta: ContentBlockDelta,
  snapshot: MessageSnapshot,
): BlockUpdate {
  const fits =
    delta.type === 'input_json_delta' ? isToolBlock(block) : block.type === KNOWN_DELTAS.get(delta.type)?.[1];
  if (!fits) {
    throw new ProtocolError(`Received ${delta.type} for a "${block.type}" block`, { partial: snapshot });
  }
  const text = block as TextBlock;
  const thinking = block as ThinkingBlock;
  switch (delta.type) {
    case 'text_delta':
      return { block: { ...text, text: text.text + delta.text }, progress };
    case 'citations_delta':
      return { block: { ...text, citations: [...(text.citations ?? []), delta.citation] }, progress };
    case 'thinking_delta':
      return { block: { ...thinking, thinking: thinking.thinking + delta.thinking }, progress };
    case 'signature_delta':
      return { block: { ...thinking, signature: delta.signature }, progress };
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
  const input = takeInput(progress);
  try {
    input.parser.push(fragment);
  } catch (cause) {
    throw invalidInput(block, cause, snapshot);
  }
  const next: BlockProgress = {
    streaming: true,
    inputJson: (progress.inputJson ?? '') + fragment,
    inputComplete: false,
  };
  keepInput(next, input);
  return { block: withInput(block, readLiveInput(input, fragment.length)), progress: next };
}

/** `block` showing `input`, or as it is when there is no (new) reading. */
function withInput(block: ContentBlock, input: unknown): ContentBlock {
  return input === undefined ? block : { ...block, input };
}

/**
 * Closes a block at `content_block_stop`. A tool input cut off there (fine-grained tool streaming)
 * is kept as cut (see {@link closeBlock}); one that is whole must be a JSON object.
 */
export function finishBlock(
  block: ContentBlock,
  progress: BlockProgress,
  snapshot: MessageSnapshot,
): BlockUpdate {
  let update: BlockUpdate;
  try {
    update = closeBlock(block, progress);
  } catch (cause) {
    throw invalidInput(block, cause, snapshot);
  }
  const wrongInput = inputKindError(update.block);
  if (wrongInput) throw new ProtocolError(wrongInput, { partial: snapshot });
  return update;
}

/**
 * Why a finished tool block's input cannot be used, when it is not a JSON object: tools take
 * their input as named arguments, and the API only ever sends an object.
 */
function inputKindError(block: ContentBlock): string | undefined {
  if (!isToolBlock(block)) return undefined;
  const { input } = block;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return undefined;
  const kind = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
  return `Tool input of block "${block.type}" is ${kind}, not a JSON object`;
}

/**
 * Stops a block. A tool input that is whole is parsed to its end; one cut off (`max_tokens`, or
 * fine-grained tool streaming, whose input may stop before its JSON does) keeps the reading the SDK
 * gives it, flagged `inputComplete: false`, from the same parser: its finished parts keep their
 * identity.
 */
function closeBlock(block: ContentBlock, progress: BlockProgress): BlockUpdate {
  const json = progress.inputJson;
  if (!isToolBlock(block) || json === undefined) {
    return { block: withFlatText(block), progress: { ...progress, streaming: false } };
  }
  const done: BlockProgress = { streaming: false, inputJson: flatCopy(json), inputComplete: true };
  // Only "" fragments arrived: the API's `{}` placeholder is the input.
  if (isBlankJSON(json)) return { block, progress: done };
  const { parser } = takeInput(progress);
  if (parser.complete) return { block: { ...block, input: parser.end() }, progress: done };
  return { block: withInput(block, parser.cutValue), progress: { ...done, inputComplete: false } };
}

/** A finished text or thinking block with its text stored flat (see {@link flatCopy}); others as they are. */
function withFlatText(block: ContentBlock): ContentBlock {
  if (block.type === 'text') return { ...block, text: flatCopy((block as TextBlock).text) };
  if (block.type === 'thinking') return { ...block, thinking: flatCopy((block as ThinkingBlock).thinking) };
  return block;
}

/**
 * Settles blocks still open when the message ends (cut off by `max_tokens`): each stops
 * streaming; a tool input that parses completely is complete, otherwise (blank or cut short) it
 * keeps the reading the SDK gives it (no string still open), with `inputComplete: false`. Returns the same arrays when nothing
 * was open.
 */
export function settleBlocks(
  content: ContentBlock[],
  blocks: readonly BlockProgress[],
): { content: ContentBlock[]; blocks: readonly BlockProgress[] } {
  if (!blocks.some((progress) => progress.streaming)) return { content, blocks };
  const nextContent = content.slice();
  const nextBlocks = blocks.map((progress, index) => {
    if (!progress.streaming) return progress;
    if (progress.inputJson !== undefined && isBlankJSON(progress.inputJson)) {
      return { ...progress, streaming: false };
    }
    const closed = closeBlock(content[index]!, progress);
    nextContent[index] = closed.block;
    return inputKindError(closed.block) ? { ...closed.progress, inputComplete: false } : closed.progress;
  });
  return { content: nextContent, blocks: nextBlocks };
}

/** The error for a tool input that is not (or did not end as) valid JSON; `cause` says where. */
function invalidInput(block: ContentBlock, cause: unknown, snapshot: MessageSnapshot): ProtocolError {
  return new ProtocolError(
    `Tool input of block "${block.type}" is not valid JSON: ${(cause as Error).message}`,
    {
      partial: snapshot,
      cause,
    },
  );
}

/**
 * `snapshot` with the blocks still open when its stream failed or was stopped marked as no longer
 * streaming (a tool input also as incomplete), so a spinner per block stops; the content stays as
 * it was received.
 */
export function haltBlocks(snapshot: MessageSnapshot): MessageSnapshot {
  const { blocks, message } = snapshot;
  if (!blocks.some((progress) => progress.streaming)) return snapshot;
  const halted = blocks.map((progress, index) =>
    !progress.streaming
      ? progress
      : isToolBlock(message.content[index]!)
        ? { ...progress, streaming: false, inputComplete: false }
        : { ...progress, streaming: false },
  );
  return { ...snapshot, blocks: halted };
}
