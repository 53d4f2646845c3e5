import { type ChatMessage, holdsToolResults } from '@chatstream/reader';

/**
 * The answer to the person's last message, once one came; the tool results sent back are not
 * theirs, so during a tool loop it is the turn that called the tools, then the next. Not an earlier
 * answer, which a regeneration or a new question leaves last in the list until the new one comes:
 * what to announce or read aloud.
 *
 * @example
 * const answer = answerToLastQuestion(messages);
 * useReadAloud(textOf(answer), answer?.status === 'streaming', answer?.id, {}, { busy });
 */
export function answerToLastQuestion(messages: readonly ChatMessage[]): ChatMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (message.role === 'assistant') return message;
    if (!holdsToolResults(message)) return undefined;
  }
  return undefined;
}
