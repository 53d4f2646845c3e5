import type { ChatMessage } from '@chatstream/reader';
import { holdsToolResults } from '@chatstream/reader';

/**
 * The answers of the turn that holds answer `id`, first to last: an answer that called tools goes on
 * in the answer to their results, so a tool loop's answers are one reply to the person (one Copy,
 * one Regenerate). Empty when `id` names no answer.
 *
 * @example
 * const [first] = answerTurn(messages, last.id);
 * void session.regenerate(first.id); // the whole reply again, tools included
 */
export function answerTurn(messages: readonly ChatMessage[], id: string): ChatMessage[] {
  const at = messages.findIndex((message) => message.id === id);
  if (messages[at]?.role !== 'assistant') return [];
  const joined = (index: number): boolean =>
    messages[index]?.role === 'assistant' && holdsToolResults(messages[index + 1]);
  let start = at;
  while (start >= 2 && joined(start - 2)) start -= 2;
  let end = at;
  while (joined(end) && messages[end + 2]?.role === 'assistant') end += 2;
  return messages.slice(start, end + 1).filter((message) => message.role === 'assistant');
}

/**
 * The answer a Regenerate of the reply holding answer `id` asks again from: its first step that
 * follows a message of the person's (a greeting put first, with no question before it, cannot be
 * asked again, so the step after its tools' results is). Undefined when there is none.
 *
 * @example
 * const start = replyStart(messages, last.id);
 * if (start) void session.regenerate(start);
 */
export function replyStart(messages: readonly ChatMessage[], id: string): string | undefined {
  const steps = answerTurn(messages, id);
  return steps.find((step) => messages[messages.indexOf(step) - 1]?.role === 'user')?.id;
}
