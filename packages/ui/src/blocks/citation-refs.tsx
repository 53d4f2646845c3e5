import { type Context, createContext, type ReactNode, useContext } from 'react';
import { useLabels } from '../labels.tsx';
import { CITATION_MARK, CITATION_MARKS, citationMarkIndex } from './citation-marks.ts';
import { type CitedSource, quotedPassages } from './citations.tsx';

/** A source one mark in the text points to: its number in the answer and the id of its entry. */
export interface MarkedSource {
  source: CitedSource;
  number: number;
  entryId: string;
}

/** What each mark of the text being drawn stands for, by its number; none outside a `TextBlock`. */
export const CitationMarksContext: Context<readonly (readonly MarkedSource[])[] | undefined> =
  /* @__PURE__ */ createContext<readonly (readonly MarkedSource[])[] | undefined>(undefined);

/** Opens a document's entry in the list of sources, and moves focus to it. */
function showEntry(from: Element, id: string): void {
  // Looked up in the mark's own text block: ids from `useId` repeat across render roots in Preact
  // (two widgets on one page), and the first in the document may be another chat's.
  const summary = from.closest('[data-slot="text-block"]')?.querySelector(`[id="${CSS.escape(id)}"]`);
  const details = summary?.parentElement;
  if (details instanceof HTMLDetailsElement) details.open = true;
  (summary as HTMLElement | null | undefined)?.focus();
}

/** The numbers a mark stands for, each a way to its source: the page, or the document's entry. */
function CitationRefs({ mark, raw }: { mark: number; raw: string }): ReactNode {
  const t = useLabels();
  const marks = useContext(CitationMarksContext);
  // Not a mark of ours (the text is drawn outside a TextBlock): the characters as they are.
  if (!marks) return raw;
  const sources = marks[mark];
  if (!sources?.length) return null;
  return (
    <sup data-slot="citation-refs">
      {sources.map(({ source, number, entryId }) => {
        const label = t('Source {0}: {1}', number, source.title);
        const title = quotedPassages(source, t);
        return source.url === undefined ? (
          <button
            key={number}
            type="button"
            data-slot="citation-ref"
            aria-label={label}
            title={title}
            onClick={(event) => showEntry(event.currentTarget, entryId)}
          >
            {number}
          </button>
        ) : (
          <a
            key={number}
            data-slot="citation-ref"
            href={source.url}
            aria-label={label}
            title={title}
            target="_blank"
            rel="noopener noreferrer"
          >
            {number}
          </a>
        );
      })}
    </sup>
  );
}

/**
 * Draws the citation marks `TextBlock` put in a text as the numbers of the sources they cite, each
 * a link to its page or a button that opens its document's entry; the rest of the text stays as it
 * is. For a `renderText` of your own that draws marks (see {@link withCitationMarks}): call it on
 * the plain text it renders.
 *
 * @example
 * const renderText = withCitationMarks((text) => <p>{renderCitationMarks(text)}</p>);
 */
export function renderCitationMarks(text: string): ReactNode {
  if (!text.includes(CITATION_MARK)) return text;
  const nodes: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(CITATION_MARKS)) {
    nodes.push(text.slice(from, match.index));
    const mark = citationMarkIndex(match[1]!);
    // A mark whose number is not there yet (a text revealed a character at a time) draws nothing.
    if (mark !== undefined) nodes.push(<CitationRefs key={match.index} mark={mark} raw={match[0]} />);
    from = match.index + match[0].length;
  }
  nodes.push(text.slice(from));
  return nodes;
}

const DRAWS_MARKS = /* @__PURE__ */ Symbol.for('chatstream.drawsCitationMarks');

/**
 * Marks `renderText` as one that draws citation marks with {@link renderCitationMarks}: `TextBlock`
 * then shows each cited passage's source numbers right after it. Without the mark it gets the text
 * without them, and the sources are only listed under it. The markdown `renderText`s of
 * `@chatstream/ui/markdown` are marked. It marks the function given and returns it (no copy).
 *
 * @example
 * const renderText = withCitationMarks((text) => <MyMarkdown text={text} />);
 */
export function withCitationMarks<Render extends (text: string, streaming: boolean) => ReactNode>(
  renderText: Render,
): Render {
  return Object.assign(renderText, { [DRAWS_MARKS]: true });
}

/** Whether `renderText` draws citation marks (see {@link withCitationMarks}). */
export function drawsCitationMarks(renderText: unknown): boolean {
  return (
    typeof renderText === 'function' && (renderText as { [DRAWS_MARKS]?: unknown })[DRAWS_MARKS] === true
  );
}
