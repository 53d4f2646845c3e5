import type { ContentBlock, TextBlock, ThinkingBlock, ToolUseBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';

/** A message as the Messages API takes it. */
export interface APIMessageParam {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/**
 * The conversation as the API takes it: `{ role, content }` only, no UI state. Repairs what a stop or
 * a failure leaves behind and the API would reject: `tool_use` blocks without a `tool_result` in the
 * next message are left out, and so are assistant text blocks with nothing but whitespace (a stop
 * right after a block opened, an answer of blank lines) and thinking blocks cut off before their
 * signature (the API verifies signatures); a final assistant text loses its trailing
 * whitespace (it is continued as a prefix); messages left empty are skipped.
 *
 * @example
 * const body = { model, max_tokens: 1024, messages: toAPIMessages(session.getSnapshot().messages) };
 */
export function toAPIMessages(messages: readonly ChatMessage[]): APIMessageParam[] {
  const result: APIMessageParam[] = [];
  messages.forEach(({ role, content }, index) => {
    if (role === 'assistant') {
      const next = messages[index + 1];
      const answered = new Set(
        next?.role === 'user' ? next.content.map((block) => block['tool_use_id']) : [],
      );
      content = content.filter((block) => {
        if (block.type === 'tool_use') return answered.has((block as ToolUseBlock).id);
        if (block.type === 'text') return (block as TextBlock).text.trim() !== '';
        return block.type !== 'thinking' || Boolean((block as ThinkingBlock).signature);
      });
      const last = content.at(-1);
      if (index === messages.length - 1 && last?.type === 'text') {
        const text = (last as TextBlock).text.trimEnd();
        content = text ? [...content.slice(0, -1), { ...last, text }] : content.slice(0, -1);
      }
    }
    if (content.length > 0) result.push({ role, content });
  });
  return result;
}
