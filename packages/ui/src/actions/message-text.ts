import type { ChatMessage } from '@chatstream/reader';

/**
 * The text of a message as written, markdown included: its text blocks, a blank line between two
 * (an answer that called a tool has text before and after the call). Thinking, tool calls and
 * attachments are left out.
 *
 * @example
 * messageText(message); // 'Here is the plan:\n\n1. …'
 */
export function messageText(message: ChatMessage | undefined): string {
  const texts: string[] = [];
  for (const block of message?.content ?? []) {
    // Leading newlines and trailing space go; leading spaces may indent a code block.
    const text = block.type === 'text' ? String(block['text']).replace(/^\n+/, '').trimEnd() : '';
    if (text) texts.push(text);
  }
  return texts.join('\n\n');
}
