import { type ReactNode, useId, useRef } from 'react';
import type { ChatMessage, TextBlock as TextContentBlock } from '@chatstream/reader';
import { type Translate, useLabels } from '../labels.tsx';
import { CITATION_MARK, citationMark, markAfter, MAX_CITATION_MARKS } from './citation-marks.ts';
import {
  CitationMarksContext,
  drawsCitationMarks,
  type MarkedSource,
  renderCitationMarks,
} from './citation-refs.tsx';
import { Citations, citationsOf, numberingOf, sourcesOf } from './citations.tsx';
import { PlainText } from './plain-text.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { isStillStreaming } from './block-streaming.ts';
import type { TextRunPart } from './text-runs.ts';

/** Props of {@link TextBlock}. */
export type TextBlockProps = BlockPartProps<TextContentBlock>;

interface MarkedText {
  text: string;
  marks: (readonly MarkedSource[])[] | undefined;
}

/**
 * The text with a citation mark after each cited part that is complete (before its trailing
 * whitespace, so the numbers sit on the words they cite), and what each mark stands for.
 */
function markCitations(
  text: string,
  parts: readonly TextRunPart[],
  message: ChatMessage,
  t: Translate,
  entryPrefix: string,
): MarkedText {
  // Most text cites nothing: no scan of it for every token. Text that holds the mark character
  // itself would be misread: it is drawn as it is.
  if (!parts.some(({ block }) => citationsOf(block.citations).length > 0) || text.includes(CITATION_MARK)) {
    return { text, marks: undefined };
  }
  const numbers = numberingOf(message.content);
  const marks: (readonly MarkedSource[])[] = [];
  let marked = '';
  let from = 0;
  for (const { block, index, start } of parts) {
    const citations = citationsOf(block.citations);
    if (citations.length === 0 || marks.length === MAX_CITATION_MARKS) continue;
    // A part still streaming gets its mark once it is complete, so the mark does not move with it.
    if (isStillStreaming(message.blocks?.[index], message)) continue;
    const cited = (typeof block.text === 'string' ? block.text : '').trimEnd();
    const gap = markAfter(cited);
    // Its sources are still listed under the text.
    if (gap === undefined) continue;
    const end = start + cited.length;
    marked += text.slice(from, end) + gap + citationMark(marks.length);
    from = end;
    marks.push(
      sourcesOf(citations, t).map((source) => {
        const number = numbers.get(source.key) ?? 0;
        return { source, number, entryId: entryPrefix + number };
      }),
    );
  }
  return { text: marks.length > 0 ? marked + text.slice(from) : text, marks };
}

/** What a mark stands for, told apart by the source numbers and passages. */
const signatureOf = (marks: readonly (readonly MarkedSource[])[] | undefined): string =>
  marks
    ?.map((sources) => sources.map(({ number, source }) => `${number}:${source.cited.length}`).join())
    .join(';') ?? '';

/**
 * `marks` as last rendered while they stand for the same: the marks' context changes only when they
 * do, not with every token of the answer (each would re-render every mark in it).
 */
function useSameMarks(
  marks: (readonly MarkedSource[])[] | undefined,
): (readonly MarkedSource[])[] | undefined {
  const last = useRef<{ signature: string; marks: typeof marks }>(undefined);
  const signature = signatureOf(marks);
  if (last.current?.signature !== signature) last.current = { signature, marks };
  return last.current.marks;
}

/**
 * A text block, or consecutive text blocks joined (`textRun`): `renderText` (markdown) when given,
 * else the plain text with its line breaks, a streaming cursor while it streams, and the sources it
 * cites. The numbers of those sources follow each cited passage in the text, when `renderText` draws
 * them (see `withCitationMarks`; plain text and the markdown of `@chatstream/ui/markdown` do).
 *
 * @example
 * <TextBlock block={block} index={0} message={message} progress={message.blocks?.[0]} renderText={markdownRenderText} />
 */
export function TextBlock(props: TextBlockProps): ReactNode {
  const { block, index, progress, message, renderText, textRun } = props;
  const t = useLabels();
  const entryPrefix = `${useId()}source-`;
  const streaming = isStillStreaming(progress, message);
  const draws = renderText === undefined || drawsCitationMarks(renderText);
  const marked =
    draws && typeof block.text === 'string'
      ? markCitations(block.text, textRun ?? [{ block, index, start: 0 }], message, t, entryPrefix)
      : { text: block.text, marks: undefined };
  const { text } = marked;
  const marks = useSameMarks(marked.marks);
  return (
    <div data-slot="text-block" data-state={streaming ? 'streaming' : 'complete'} {...rootProps(props)}>
      <CitationMarksContext.Provider value={marks}>
        {renderText ? (
          <div data-slot="text-block-content">{renderText(text, streaming)}</div>
        ) : (
          <div data-slot="text-block-content" data-format="plain">
            <PlainText
              text={text}
              streaming={streaming}
              renderLine={marks ? renderCitationMarks : undefined}
            />
          </div>
        )}
      </CitationMarksContext.Provider>
      {renderText && streaming ? <span data-slot="streaming-cursor" aria-hidden /> : null}
      <Citations citations={block.citations} messageContent={message.content} idPrefix={entryPrefix} />
    </div>
  );
}
