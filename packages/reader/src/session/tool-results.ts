import { messageOf } from '../errors.ts';
import type { ContentBlock, ToolUseBlock } from '../types.ts';
import type { ToolCallState, ToolResultBlock } from './chat-message.ts';
import type { ChatTool } from './chat-session-options.ts';

/** The `tool_result` text of a denied call. */
export const DENIED_RESULT = 'Tool call denied by the user.';

/** The result of a call that was running when its turn was stopped. */
export const ABORTED_RESULT = 'Tool call aborted';

/** The result of a call that waited for a result when the user sent a new message instead. */
export const UNANSWERED_RESULT = 'No result: the user sent a new message instead.';

/**
 * The state of each client `tool_use` call in `content`, or undefined when there is none: `streaming`
 * while the turn streams; `tool_use` when the turn ended asking for tools (unknown tools fail with a
 * result saying so, `needsApproval` tools await approval, tools with `execute` run, the others await
 * a result); `ended` when the turn ended otherwise (the calls will never run).
 */
export function toolCallsOf(
  content: readonly ContentBlock[],
  tools: Readonly<Record<string, ChatTool>> | undefined,
  phase: 'streaming' | 'tool_use' | 'ended',
): Record<string, ToolCallState> | undefined {
  let calls: Record<string, ToolCallState> | undefined;
  for (const block of content) {
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
            : {
                status: tool.needsApproval
                  ? 'awaiting-approval'
                  : tool.execute
                    ? 'running'
                    : 'awaiting-result',
              };
  }
  return calls;
}

/**
 * A call as a stop leaves it: one running ends in `error` saying it was aborted, one still streaming
 * its input in `error` without a result (it never ran); the others as they were.
 */
export function stoppedCall(call: ToolCallState): ToolCallState {
  if (call.status === 'running') return { status: 'error', result: ABORTED_RESULT };
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

/** True once the call has its final result (`done`, `error` or `denied`). */
export function isSettled(call: ToolCallState): boolean {
  return call.status === 'done' || call.status === 'error' || call.status === 'denied';
}

/**
 * The `tool_result` blocks answering every client `tool_use` in `content`, in order: failed, unknown
 * and denied calls carry `is_error: true`. Strings and content-block arrays are sent as they are,
 * anything else as JSON; a result JSON cannot hold (a BigInt, a cycle) is sent as an error saying so.
 */
export function toolResultBlocks(
  content: readonly ContentBlock[],
  calls: Readonly<Record<string, ToolCallState>>,
): ToolResultBlock[] {
  return content.flatMap((block) => {
    const id = block.type === 'tool_use' ? (block as ToolUseBlock).id : undefined;
    const call = id === undefined ? undefined : calls[id];
    if (!id || !call) return [];
    const { result } = call;
    let failed = call.status !== 'done';
    let body: string | ContentBlock[];
    if (
      typeof result === 'string' ||
      (Array.isArray(result) && result.every((item) => typeof item?.type === 'string'))
    ) {
      body = result as string | ContentBlock[];
    } else {
      try {
        body = JSON.stringify(result) ?? '';
      } catch (error) {
        // A BigInt or a cycle: the model learns the call failed instead of the conversation stalling.
        body = `The tool's result could not be sent as JSON: ${messageOf(error)}`;
        failed = true;
      }
    }
    return [{ type: 'tool_result', tool_use_id: id, content: body, ...(failed ? { is_error: true } : {}) }];
  });
}
