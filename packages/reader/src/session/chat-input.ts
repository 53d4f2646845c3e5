import type { ContentBlock } from '../types.ts';
import type { ChatInput } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import { contentBlockProblem } from './content-block-shape.ts';

/**
 * The content of a user message; refuses blank text and empty arrays, which the API answers with a
 * 400 (`empty-message`), and anything but text or an array of content blocks (a `TypeError`).
 */
export function toContent(input: ChatInput): ContentBlock[] {
  if (typeof input !== 'string' && !Array.isArray(input)) {
    throw new TypeError(`A message is a string or an array of content blocks, got ${describe(input)}`);
  }
  if (typeof input === 'string' ? !input.trim() : !input.length) {
    throw new ChatSessionError('empty-message', 'The message is empty');
  }
  if (typeof input === 'string') return [{ type: 'text', text: input }];
  input.forEach((block, index) => {
    const problem = contentBlockProblem(block);
    if (problem) throw new TypeError(`Block ${index} of the message is not a content block: ${problem}`);
  });
  return input;
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
