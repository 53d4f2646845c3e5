import type { ChatMessage } from './chat-message.ts';
import type { ChatTool } from './chat-session-options.ts';
import { stoppedCall, toolCallsOf } from './tool-results.ts';

/**
 * The conversation with its last answer's tool calls given back their state, when it ended asking
 * for tools and was saved without it (a server that stored the API's message): each call as the
 * session would have left it, waiting for approval or a result, and one with `execute` `stopped`
 * (nothing runs a tool on restore; `retry()` runs it). Without this the calls could not be
 * approved, and the next request would leave them out. The session's own messages (`current`) are
 * kept as they are.
 */
export function withSavedToolCalls(
  messages: readonly ChatMessage[],
  tools: Readonly<Record<string, ChatTool>> | undefined,
  current: readonly ChatMessage[] = [],
): readonly ChatMessage[] {
  const last = messages.at(-1);
  if (
    last?.role !== 'assistant' ||
    last.toolCalls !== undefined ||
    last.status !== 'complete' ||
    (last.stopReason ?? last.message?.stop_reason) !== 'tool_use' ||
    current.includes(last)
  ) {
    return messages;
  }
  const calls = toolCallsOf(last.content, tools, 'tool_use', last.blocks);
  if (!calls) return messages;
  for (const [id, call] of Object.entries(calls)) calls[id] = stoppedCall(call);
  return [...messages.slice(0, -1), { ...last, toolCalls: calls }];
}
