import { reportError } from '../report-error.ts';
import { isThenable } from './is-thenable.ts';
import { messageOf } from '../errors.ts';
import type { BlockProgress, ContentBlock, ToolUseBlock } from '../types.ts';
import type { ToolCallState, ToolResultBlock } from './chat-message.ts';
import type { ChatTool } from './chat-session-options.ts';
import { checkToolInput } from './check-tool-input.ts';

/** The `tool_result` text of a denied call. */
export const DENIED_RESULT = 'Tool call denied by the user.';

/** The result of a call that was running when its turn was stopped. */
export const ABORTED_RESULT = 'Tool call aborted';

/**
 * What the model is told of a whole call in an answer cut off after it (`max_tokens`,
 * `model_context_window_exceeded`): nobody stopped it, it never ran.
 */
export const cutOffResult = (stopReason: string): string =>
  `Not run: the answer was cut off (${stopReason}) before the tool could run`;

/** The result of a call whose input stopped before its JSON did (fine-grained tool streaming). */
const CUT_INPUT_RESULT = 'Not run: its input was cut off before it was complete';

/** The result of a call that waited for a result when the user sent a new message instead. */
const UNANSWERED_RESULT = 'No result: the user sent a new message instead.';

/**
 * The state of each client `tool_use` call in `content`, or undefined when there is none: `streaming`
 * while the turn streams; `tool_use` when the turn ended asking for tools (unknown tools fail with a
 * result saying so, `needsApproval` tools await approval, tools with `execute` run, the others await
 * a result, and one whose input was cut off (`blocks` says so) fails saying so); `ended` when the turn
 * ended otherwise (the calls will never run).
 */
export function toolCallsOf(
  content: readonly ContentBlock[],
  tools: Readonly<Record<string, ChatTool>> | undefined,
  phase: 'streaming' | 'tool_use' | 'ended',
  blocks?: readonly BlockProgress[],
): Record<string, ToolCallState> | undefined {
  let calls: Record<string, ToolCallState> | undefined;
  for (const [index, block] of content.entries()) {
    if (block.type !== 'tool_use') continue;
    const { id, name } = block as ToolUseBlock;
    const tool = Object.hasOwn(tools ?? {}, name) ? tools?.[name] : undefined;
    (calls ??= {})[id] =
      phase === 'streaming'
        ? { status: 'input-streaming' }
        : phase === 'ended'
          ? { status: 'error' }
          : !tool
            ? { status: 'error', result: `Unknown tool "${name}"` }
            : blocks?.[index]?.inputComplete === false
              ? { status: 'error', result: CUT_INPUT_RESULT }
              : readyCall(tool, block as ToolUseBlock);
  }
  return calls;
}

/**
 * A whole call of `tool`: refused when its input fails the tool's Standard Schema, else waiting for
 * approval, running, or waiting for a result. A schema that checks asynchronously has not answered
 * yet: the call is decided from the input as sent, and `execute` waits for the check.
 */
function readyCall(tool: ChatTool, block: ToolUseBlock): ToolCallState {
  const check = checkToolInput(tool, block);
  if (!isThenable(check) && check.rejected !== undefined) return { status: 'error', result: check.rejected };
  const value = isThenable(check) ? block.input : check.value;
  return {
    status: asksApproval(tool, value) ? 'awaiting-approval' : tool.execute ? 'running' : 'awaiting-result',
  };
}

/** The `needsApproval` functions that answered with a promise, reported once each. */
const answeredLater = new WeakSet<object>();

/**
 * Whether a call of `tool` with `input` waits for approval. A `needsApproval` function that throws
 * is reported, and the call waits; one that answers with a promise (a function the session's check
 * could not tell async) waits too, reported once.
 */
function asksApproval(tool: ChatTool, input: unknown): boolean {
  const { needsApproval } = tool;
  if (typeof needsApproval !== 'function') return Boolean(needsApproval);
  try {
    const asks: unknown = needsApproval(input);
    if (!isThenable(asks)) return Boolean(asks);
    Promise.resolve(asks).catch(() => undefined);
    if (!answeredLater.has(needsApproval)) {
      answeredLater.add(needsApproval);
      reportError(new TypeError('needsApproval must answer at once (true or false), not with a promise'));
    }
  } catch (error) {
    reportError(error);
  }
  return true;
}

/**
 * A call as a stop leaves it: one running is `stopped`, saying it was aborted, one still streaming
 * its input in `error` without a result (it never ran); the others as they were.
 */
export function stoppedCall(call: ToolCallState): ToolCallState {
  if (call.status === 'running') return { status: 'stopped', result: ABORTED_RESULT };
  return call.status === 'input-streaming' ? { status: 'error' } : call;
}

/**
 * A call as a new message from the user leaves it: one awaiting approval is `denied`, one awaiting
 * its result ends in `error` without one; the others as they were.
 */
export function passedOverCall(call: ToolCallState): ToolCallState {
  if (call.status === 'awaiting-approval') return { status: 'denied', result: DENIED_RESULT };
  return call.status === 'awaiting-result' ? { status: 'error', result: UNANSWERED_RESULT } : call;
}

/** True once the call has its final result (`done`, `error`, `denied` or `stopped`). */
export function isSettled(call: ToolCallState): boolean {
  return ['done', 'error', 'denied', 'stopped'].includes(call.status);
}

/**
 * The `tool_result` blocks answering every client `tool_use` in `content`, in order: failed, unknown,
 * denied and stopped calls carry `is_error: true` (and words, where they had none: the API refuses an empty
 * error). Strings and arrays of the blocks a result may hold (text, image, document, search result,
 * tool reference, browser state) are sent as they are, anything else as JSON; a result
 * JSON cannot carry is sent as an error saying so ({@link finishedCall}).
 */
export function toolResultBlocks(
  content: readonly ContentBlock[],
  calls: Readonly<Record<string, ToolCallState>>,
): ToolResultBlock[] {
  return content.flatMap((block) => {
    const id = block.type === 'tool_use' ? (block as ToolUseBlock).id : undefined;
    const call = id === undefined ? undefined : calls[id];
    if (!id || !call) return [];
    const encoded = encode(call.result);
    const failed = call.status !== 'done' || 'problem' in encoded;
    const body = 'problem' in encoded ? encoded.problem : encoded.content;
    // The API refuses an error result without content.
    const empty = typeof body === 'string' ? body.trim() === '' : body.length === 0;
    const said = failed && empty ? 'The tool failed without saying why.' : body;
    return [{ type: 'tool_result', tool_use_id: id, content: said, ...(failed ? { is_error: true } : {}) }];
  });
}

/**
 * The state of a call that ended with `result`: `done` (`error` when `failed`), or `error` with a
 * message saying why when JSON cannot carry the result: a BigInt, a cycle, or an object of a class
 * (a Blob, a Map, a Response), which JSON turns into `{}`. The card and the model then both see the
 * failure, instead of `{}` passing for the answer or the conversation stalling.
 */
export function finishedCall(result: unknown, failed = false): ToolCallState {
  const encoded = encode(result);
  if ('problem' in encoded) return { status: 'error', result: encoded.problem };
  return { status: failed ? 'error' : 'done', result };
}

/**
 * Whether `item` is a block a `tool_result` may hold, by the fields the API requires of it. Arrays of
 * anything else (rows of data that have a `type`, documents listed by title) are data, sent as JSON.
 */
const isResultBlock = (item: Record<string, unknown> | null | undefined): boolean => {
  switch (item?.['type']) {
    case 'text':
      return typeof item['text'] === 'string';
    case 'image':
    case 'document':
      return typeof item['source'] === 'object' && item['source'] !== null;
    case 'search_result':
      return (
        typeof item['source'] === 'string' &&
        typeof item['title'] === 'string' &&
        Array.isArray(item['content'])
      );
    case 'tool_reference':
      return typeof item['tool_name'] === 'string';
    case 'browser_state':
      return Array.isArray(item['tabs']);
    default:
      return false;
  }
};

const isBlocks = (value: unknown): value is ContentBlock[] =>
  Array.isArray(value) && value.length > 0 && value.every(isResultBlock);

/** `result` as `tool_result` content (text and blocks as they are, the rest as JSON), or why it cannot be. */
function encode(result: unknown): { content: string | ContentBlock[] } | { problem: string } {
  if (typeof result === 'string' || isBlocks(result)) return { content: result };
  let json: string;
  try {
    json = JSON.stringify(result) ?? '';
  } catch (error) {
    return { problem: `The tool's result could not be sent as JSON: ${messageOf(error)}` };
  }
  const kind = json === '{}' ? classOf(result) : undefined;
  if (!kind) return { content: json };
  const hint = kind === 'Blob' || kind === 'File' ? ' (fileToContentBlock makes one of a file)' : '';
  return {
    problem: `The tool's result (a ${kind}) cannot be sent as JSON: return text, JSON or content blocks${hint}.`,
  };
}

/** The class of an object JSON turns into `{}` although it is not a plain object, e.g. `Blob`. */
function classOf(value: unknown): string | undefined {
  const prototype: unknown =
    typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : null;
  if (prototype === null || prototype === Object.prototype) return undefined;
  return (prototype as { constructor?: { name?: string } }).constructor?.name || 'object';
}
