import type { ContentBlock } from '../types.ts';
import type { ChatInput } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';

/** The content of a user message; refuses blank text and empty arrays, which the API answers with a 400. */
export function toContent(input: ChatInput): ContentBlock[] {
  if (typeof input === 'string' ? !input.trim() : !(input as unknown[] | undefined)?.length) {
    throw new ChatSessionError('empty-message', 'The message is empty');
  }
  return typeof input === 'string' ? [{ type: 'text', text: input }] : input;
}
