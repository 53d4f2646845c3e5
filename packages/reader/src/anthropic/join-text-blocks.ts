/**
 * What goes before text that follows another kind of block (a tool call, a web search, thinking)
 * where a message's text is read as one string: Claude writes what comes after a tool as a new
 * paragraph.
 */
export const TEXT_AFTER_OTHER_BLOCKS = '\n\n';

/**
 * The text of a message's content as one string: text blocks that follow one another joined as they
 * are (Claude splits a sentence into blocks where its citations begin and end, each keeping its own
 * spacing), and a blank line before text that follows another kind of block (a tool call, a search,
 * thinking). `MessageStream`'s `finalText()` and `textStream` read it so, as does the relay's
 * plain-text protocol.
 *
 * @example
 * joinTextBlocks([{ type: 'text', text: 'Let me search.' }, searchUse, searchResult, { type: 'text', text: 'It is sunny' }]);
 * // 'Let me search.\n\nIt is sunny'
 */
export function joinTextBlocks(content: readonly object[]): string {
  let text = '';
  let afterOther = false;
  for (const block of content as readonly { type?: unknown; text?: unknown }[]) {
    if (block.type !== 'text') {
      afterOther = text !== '';
      continue;
    }
    // An empty block writes nothing, the break before it included (as a stream of its deltas does).
    const own = typeof block.text === 'string' ? block.text : '';
    if (!own) continue;
    if (afterOther) text += TEXT_AFTER_OTHER_BLOCKS;
    afterOther = false;
    text += own;
  }
  return text;
}
