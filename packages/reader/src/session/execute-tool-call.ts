import { messageOf } from '../errors.ts';
import type { ToolUseBlock } from '../types.ts';
import type { ToolCallState } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { finishedCall } from './tool-results.ts';

/**
 * Runs the client tool a `tool_use` block calls and settles its call: `done` with what `execute`
 * returned, or `error` with what it threw (an unknown tool too). Never rejects.
 */
export async function executeToolCall(
  tools: ChatSessionOptions['tools'],
  { id, name, input }: ToolUseBlock,
  signal: AbortSignal,
): Promise<ToolCallState> {
  try {
    const tool = tools?.[name];
    if (typeof tool?.execute !== 'function') throw new Error(`Unknown tool "${name}"`);
    // Called on its tool, so an `execute` written as a method may use `this`.
    return finishedCall(await tool.execute(input, { signal, toolUseId: id }));
  } catch (error) {
    return { status: 'error', result: thrownText(error) };
  }
}

/**
 * What a tool threw, in words for the model: its message (an error from any realm has one), else
 * the value itself, an object as JSON, or at least its kind (`[object Response]`): `String` would
 * make any object "[object Object]", which tells the model nothing.
 */
function thrownText(thrown: unknown): string {
  const { message, name } = (thrown ?? {}) as { message?: unknown; name?: unknown };
  // An error without a message says at least its name (`AbortError`).
  if (typeof message === 'string') return message || (typeof name === 'string' ? name : '');
  if (typeof thrown !== 'object' || thrown === null) return messageOf(thrown);
  let json: string | undefined;
  try {
    json = JSON.stringify(thrown);
  } catch {}
  return json && json !== '{}' ? json : Object.prototype.toString.call(thrown);
}
