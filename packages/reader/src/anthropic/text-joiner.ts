/**
 * What goes before text that follows another kind of block (a tool call, a web search, thinking)
 * where a message's text is read as one string: Claude writes what comes after a tool as a new
 * paragraph.
 */
export const TEXT_AFTER_OTHER_BLOCKS = '\n\n';

/** Joins a message's text as it streams, block by block: see {@link createTextJoiner}. */
export interface TextJoiner {
  /** A block begins: one of another kind than text breaks the text after it from the text before. */
  blockStart(type: unknown): void;
  /** What to write for `text` (a delta, or a block's text): the blank line first where one belongs. */
  text(text: string): string;
}

/**
 * The one rule for reading a message's text as one string, as it streams: text blocks that follow
 * one another joined as they are (Claude splits a sentence into blocks where its citations begin and
 * end, each keeping its own spacing), a blank line before text that follows another kind of block
 * when text came before it, and nothing for empty text. `continued` starts it after text already
 * written (a Continue), `'after-other'` when that text ended on another kind of block.
 *
 * @example
 * const joiner = createTextJoiner();
 * for (const event of events) {
 *   if (event.type === 'content_block_start') joiner.blockStart(event.content_block.type);
 *   if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') write(joiner.text(event.delta.text));
 * }
 */
export function createTextJoiner(continued?: 'text' | 'after-other'): TextJoiner {
  let wrote = continued !== undefined;
  let afterOther = continued === 'after-other';
  return {
    blockStart(type) {
      if (type !== 'text') afterOther ||= wrote;
    },
    text(text) {
      if (!text) return '';
      const joined = afterOther ? TEXT_AFTER_OTHER_BLOCKS + text : text;
      wrote = true;
      afterOther = false;
      return joined;
    },
  };
}
