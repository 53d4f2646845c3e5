import { createTextJoiner } from './text-joiner.ts';

/**
 * The text of a message's content as one string, as {@link createTextJoiner} joins it: cited pieces
 * as they are, a blank line before text that follows a tool call or a search. `MessageStream`'s
 * `finalText()` and `textStream` read it so, as do the relay's plain-text protocol and the mocks'
 * `expectedText`.
 *
 * @example
 * joinTextBlocks([{ type: 'text', text: 'Let me search.' }, searchUse, searchResult, { type: 'text', text: 'It is sunny' }]);
 * // 'Let me search.\n\nIt is sunny'
 */
export function joinTextBlocks(content: readonly object[]): string {
  const joiner = createTextJoiner();
  let text = '';
  for (const block of content as readonly { type?: unknown; text?: unknown }[]) {
    joiner.blockStart(block.type);
    if (block.type === 'text' && typeof block.text === 'string') text += joiner.text(block.text);
  }
  return text;
}
