import type { ContentBlock, TextBlock } from '@chatstream/reader';
import { citationsOf } from './citations.tsx';

/** One of the text blocks a `TextBlock` draws as one: where its text starts in the joined text. */
export interface TextRunPart {
  /** The block as the API sent it. */
  block: TextBlock;
  /** Its position in `message.content`. */
  index: number;
  /** Where its text starts in the joined block's `text`. */
  start: number;
}

/** Consecutive text blocks joined: one text, all their citations. */
export interface TextRun {
  /** The first block with the text of them all and their citations. */
  block: TextBlock;
  /** The blocks joined, with where each starts. */
  parts: readonly TextRunPart[];
}

/**
 * For each block of `content`: the run it starts when it is the first of two or more consecutive
 * text blocks, `null` when an earlier block's run draws it, else `undefined`.
 */
export type TextRuns = readonly (TextRun | null | undefined)[];

// Every render of a settled message asks again: join its runs once, so they keep their identity.
const joined = new WeakMap<readonly ContentBlock[], TextRuns>();

/**
 * Joins consecutive text blocks when some of them cite sources: Claude splits an answer's text where
 * its citations begin and end, often in the middle of a sentence or a list, so each block drawn on
 * its own would break the text into pieces and its markdown apart.
 */
export function textRunsOf(content: readonly ContentBlock[]): TextRuns {
  let runs = joined.get(content);
  if (runs) return runs;
  const found: (TextRun | null | undefined)[] = [];
  for (let first = 0; first < content.length;) {
    let end = first;
    while (end < content.length && content[end]!.type === 'text') end++;
    // Only text that cites is split so: other blocks stay apart, as they were sent.
    const cites = content.slice(first, end).some((block) => citationsOf(block['citations']).length > 0);
    if (end - first < 2 || !cites) {
      for (let index = first; index < Math.max(end, first + 1); index++) found.push(undefined);
      first = Math.max(end, first + 1);
      continue;
    }
    const parts: TextRunPart[] = [];
    let text = '';
    for (let index = first; index < end; index++) {
      const block = content[index] as TextBlock;
      parts.push({ block, index, start: text.length });
      text += typeof block.text === 'string' ? block.text : '';
    }
    const citations = parts.flatMap(({ block }) => (Array.isArray(block.citations) ? block.citations : []));
    found.push({ block: { ...(content[first] as TextBlock), text, citations }, parts });
    for (let index = first + 1; index < end; index++) found.push(null);
    first = end;
  }
  runs = found;
  joined.set(content, runs);
  return runs;
}
