import type { MessageSnapshot, TextBlock } from '../types.ts';

/**
 * The items of `source`, after the text its message already holds when it is a `MessageStream`
 * (its iterator starts from now on), block by block, with a `content_block_start` for each block of
 * another kind: a loop begun late, after an `await`, loses none of the text nor where it breaks.
 * Leaving early returns the source's iterator (which stops a `MessageStream`).
 */
export async function* afterTextSoFar<Item>(
  source: AsyncIterable<Item>,
): AsyncGenerator<Item | string, void> {
  // Taken together, in one step: no event can fall between the text so far and the first one read.
  const items = source[Symbol.asyncIterator]();
  const content = (source as { snapshot?: MessageSnapshot }).snapshot?.message.content ?? [];
  let ended = false;
  try {
    for (const [index, block] of content.entries()) {
      // Each text block's text, and where another kind of block began (where a sentence ends).
      if (block.type !== 'text') yield { type: 'content_block_start', index, content_block: block } as Item;
      else if ((block as TextBlock).text) yield (block as TextBlock).text;
    }
    for (let next = await items.next(); !next.done; next = await items.next()) yield next.value;
    ended = true;
  } finally {
    if (!ended) await items.return?.();
  }
}
