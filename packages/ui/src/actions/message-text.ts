import type { ChatMessage } from '@chatstream/reader';

/**
 * The text of a message as written, markdown included: text blocks that follow one another joined
 * as they are (citations cut a sentence into several), a blank line between the text before and
 * after another kind of block (a tool call, a search). Thinking, tool calls and attachments are
 * left out.
 *
 * @example
 * messageText(message); // 'Here is the plan:\n\n1. …'
 */
export function messageText(message: ChatMessage | undefined): string {
  const runs: string[] = [];
  let run = '';
  const end = (): void => {
    // Leading newlines and trailing space go; leading spaces may indent a code block.
    const text = run.replace(/^\n+/, '').trimEnd();
    if (text) runs.push(text);
    run = '';
  };
  for (const block of message?.content ?? []) {
    if (block.type === 'text') run += String(block['text']);
    else end();
  }
  end();
  return runs.join('\n\n');
}
