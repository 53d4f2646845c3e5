import type { ContentBlock, TextBlock, ThinkingBlock } from '../types.ts';
import type { ChatMessage, ToolCallState } from './chat-message.ts';
import { ABORTED_RESULT, cutOffResult, isSettled, toolResultBlocks } from './tool-results.ts';
import { withTrueMediaType } from './true-media-type.ts';

/** A message as the Messages API takes it. */
export interface APIMessageParam {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/**
 * The conversation as the API takes it: `{ role, content }` only, no UI state. A client tool call
 * whose turn was stopped but which has a result all the same (it was aborted, or had finished beside
 * one that was) is sent with that result, ahead of the next user message's content, so the model
 * knows what became of it. Repairs what else a stop or a failure leaves behind and the API would
 * reject, by leaving out:
 * - other `tool_use` blocks without a `tool_result` in the next message, and `tool_result` blocks
 *   without their `tool_use` in the message before (a history trimmed to its latest messages);
 * - server tool calls (`server_tool_use`, `mcp_tool_use`) without their result block, except in the
 *   last message (a paused turn is sent back as it is to go on);
 * - assistant text blocks with nothing but whitespace (a stop right after a block opened);
 * - thinking blocks cut off before their signature (the API verifies signatures);
 * - messages left empty.
 *
 * A final assistant text loses its trailing whitespace (it is continued as a prefill). A base64 image
 * whose `media_type` is not the format of its bytes is sent with the right one (the API would refuse
 * it in this turn and every later one).
 *
 * @example
 * const body = { model, max_tokens: 1024, messages: toAPIMessages(session.getSnapshot().messages) };
 */
export function toAPIMessages(messages: readonly ChatMessage[]): APIMessageParam[] {
  const result: APIMessageParam[] = [];
  // Results of stopped calls, owed to the user message after their turn.
  let owed: ContentBlock[] = [];
  messages.forEach((message, index) => {
    let { role, content } = message;
    if (role === 'assistant') {
      const final = index === messages.length - 1;
      const next = messages[index + 1];
      // Client calls are answered by the next user message, server calls (web search, MCP) by a
      // result block in this one; a final message (a paused turn sent back to go on) may still wait.
      const answered = new Set(
        [...(next?.role === 'user' ? next.content : []), ...(final ? [] : content)].map(
          (block) => block['tool_use_id'],
        ),
      );
      // Owed to the next message, or to one of their own when an assistant message comes next (a
      // person's put in after the stop): the model is told what became of its calls either way.
      const mine = next ? stoppedCallResults(message, answered) : [];
      for (const block of mine) answered.add(block['tool_use_id']);
      content = content.filter((block) => {
        if (block.type === 'tool_use' || (!final && block.type.endsWith('_tool_use'))) {
          return answered.has(block['id']);
        }
        if (block.type === 'text') return (block as TextBlock).text.trim() !== '';
        return block.type !== 'thinking' || Boolean((block as ThinkingBlock).signature);
      });
      const last = content.at(-1);
      if (final && last?.type === 'text') {
        const text = (last as TextBlock).text.trimEnd();
        content = text ? [...content.slice(0, -1), { ...last, text }] : content.slice(0, -1);
      }
      if (content.length > 0) {
        // Still owed by an earlier answer (only an assistant message came between): their own turn.
        if (owed.length > 0) result.push({ role: 'user', content: owed });
        owed = mine;
      }
    } else {
      const previous = result.at(-1);
      const asked = new Set(
        previous?.role === 'assistant' ? previous.content.map((block) => block['id']) : [],
      );
      content = [...owed, ...content]
        .filter((block) => block.type !== 'tool_result' || asked.has(block['tool_use_id']))
        .map(withTrueMediaType);
      owed = [];
    }
    if (content.length > 0) result.push({ role, content });
  });
  // Owed with nothing after them to carry them: the conversation ends with them.
  if (owed.length > 0) result.push({ role: 'user', content: owed });
  return result;
}

/**
 * The `tool_result` blocks of the client calls of a stopped turn that have a result anyway and no
 * `tool_result` in the next message: settled (`done`, `error`, `denied`), with their whole input.
 * A call the stop left without a result of its own is said to be aborted; one in an answer
 * `max_tokens` or the context window cut off, not to have run.
 */
function stoppedCallResults(message: ChatMessage, answered: ReadonlySet<unknown>): ContentBlock[] {
  const calls: Record<string, ToolCallState> = {};
  const stopped = message.content.filter((block, index) => {
    const id = block['id'] as string;
    const call = message.toolCalls?.[id];
    const progress = message.blocks?.[index];
    const whole = !progress?.streaming && progress?.inputComplete !== false;
    if (block.type !== 'tool_use' || answered.has(id) || !call || !isSettled(call) || !whole) return false;
    calls[id] = {
      ...call,
      result:
        call.result ??
        (message.stopReason === 'max_tokens' || message.stopReason === 'model_context_window_exceeded'
          ? cutOffResult(message.stopReason)
          : ABORTED_RESULT),
    };
    return true;
  });
  return toolResultBlocks(stopped, calls);
}
