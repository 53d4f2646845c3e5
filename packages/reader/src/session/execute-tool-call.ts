import type { ToolUseBlock } from '../types.ts';
import type { ToolCallState } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { isThenable } from './is-thenable.ts';
import { checkToolInput } from './check-tool-input.ts';
import { thrownText } from './thrown-text.ts';
import { finishedCall } from './tool-results.ts';

/**
 * Runs the client tool a `tool_use` block calls and settles its call: `done` with what `execute`
 * returned, or `error` with what it threw (an unknown tool, an input its schema refuses too).
 * Never rejects.
 */
export async function executeToolCall(
  tools: ChatSessionOptions['tools'],
  block: ToolUseBlock,
  signal: AbortSignal,
): Promise<ToolCallState> {
  const { id, name } = block;
  try {
    const tool = tools?.[name];
    if (typeof tool?.execute !== 'function') throw new Error(`Unknown tool "${name}"`);
    const checking = checkToolInput(tool, block);
    // Without an await when the check is done: the tool starts in the step that runs the calls.
    const check = isThenable(checking) ? await checking : checking;
    if (check.rejected !== undefined) return { status: 'error', result: check.rejected };
    // Called on its tool, so an `execute` written as a method may use `this`.
    return finishedCall(await tool.execute(check.value, { signal, toolUseId: id }));
  } catch (error) {
    return { status: 'error', result: thrownText(error) };
  }
}
