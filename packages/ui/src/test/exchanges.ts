import type { ChatMessage } from '@chatstream/reader';

/** `count` finished exchanges: "Question i" from the user, `answer(i)` from Claude (ids `u<i>`, `a<i>`). */
export function exchanges(count: number, answer: (index: number) => string): ChatMessage[] {
  return Array.from({ length: count }, (_, index): ChatMessage[] => [
    { id: `u${index}`, role: 'user', content: [{ type: 'text', text: `Question ${index}` }] },
    {
      id: `a${index}`,
      role: 'assistant',
      status: 'complete',
      content: [{ type: 'text', text: answer(index) }],
    },
  ]).flat();
}
