import type { ContentBlock, TextBlock, ThinkingBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';

/** A message as the Messages API takes it. */
export interface APIMessageParam {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/**
 * The conversation as the API takes it: `{ role, content }` only, no UI state. Repairs what a stop or
 * a failure leaves behind and the API would reject, by leaving out:
 * - `tool_use` blocks without a `tool_result` in the next message, and `tool_result` blocks without
 *   their `tool_use` in the message before (a history trimmed to its latest messages);
 * - server tool calls (`server_tool_use`, `mcp_tool_use`) without their result block, except in the
 *   last message (a paused turn is sent back as it is to go on);
 * - assistant text blocks with nothing but whitespace (a stop right after a block opened);
 * - thinking blocks cut off before their signature (the API verifies signatures);
 * - messages left empty.
 *
 * A final assistant text loses its trailing whitespace (it is continued as a prefill).
 *
 * @example
 * const body = { model, max_tokens: 1024, messages: toAPIMessages(session.getSnapshot().messages) };
 */
export function toAPIMessages(messages: readonly ChatMessage[]): APIMessageParam[] {
  const result: APIMessageParam[] = [];
  messages.forEach(({ role, content }, index) => {
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
    } else {
      const previous = result.at(-1);
      const asked = new Set(
        previous?.role === 'assistant' ? previous.content.map((block) => block['id']) : [],
      );
      content = content.filter((block) => block.type !== 'tool_result' || asked.has(block['tool_use_id']));
    }
    if (content.length > 0) result.push({ role, content });
  });
  return result;
}
