import type { HTMLAttributes, ReactNode } from 'react';
import type { Citation, ContentBlock } from '@chatstream/reader';
import { english, type Translate, useLabels } from '../labels.tsx';
import { domainOf, httpUrl } from './format-value.ts';

/** Props of {@link Citations}. */
export interface CitationsProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** The citations of a text block, as the API sent them. */
  citations: readonly Citation[] | null | undefined;
  /**
   * The blocks of the whole message: sources are then numbered across the answer in order of first
   * citation, so one source keeps one number in every block. Without it each block counts from 1.
   */
  messageContent?: readonly ContentBlock[] | undefined;
  /**
   * Gives each source's entry the id `idPrefix` + its number, for the marks in the text that point
   * to it (`TextBlock` sets it).
   */
  idPrefix?: string | undefined;
}

/** A cited passage and where in its source it is ("p. 5–6"), when the citation says. */
interface Passage {
  text: string;
  location: string | undefined;
}

/** One source the citations point to, with what they quote of it. */
export interface CitedSource {
  key: string;
  title: string;
  url: string | undefined;
  cited: Passage[];
}

function stringField(citation: Citation, name: string): string | undefined {
  const value = citation[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where in its document a citation is, when that helps a reader find it: the pages of a PDF. */
function locationOf(citation: Citation, t: Translate): string | undefined {
  const start = citation.start_page_number;
  if (citation.type !== 'page_location' || typeof start !== 'number') return undefined;
  // The API's end page is exclusive.
  const last = typeof citation.end_page_number === 'number' ? citation.end_page_number - 1 : start;
  return last > start ? t('pp. {0}–{1}', start, last) : t('p. {0}', start);
}

/** The source a citation points to: a URL, or a document. */
function sourceOf(citation: Citation, t: Translate): Omit<CitedSource, 'cited'> {
  const url = httpUrl(citation['url']) ?? httpUrl(citation['source']);
  const index = citation['document_index'];
  const documentIndex = typeof index === 'number' ? index : undefined;
  const given =
    stringField(citation, 'title') ??
    stringField(citation, 'document_title') ??
    (url === undefined ? undefined : domainOf(url));
  return {
    // Without the words of `t`: the numbering across the answer is counted once for every language.
    key: url ?? `${given ?? ''}#${documentIndex ?? ''}`,
    title: given ?? (documentIndex === undefined ? t('Source') : t('Document {0}', documentIndex + 1)),
    url,
  };
}

/** One entry per source, in order of first citation. */
export function sourcesOf(citations: readonly Citation[], t: Translate = english): CitedSource[] {
  const sources = new Map<string, CitedSource>();
  for (const citation of citations) {
    const found = sourceOf(citation, t);
    const source = sources.get(found.key) ?? { ...found, cited: [] };
    const cited = stringField(citation, 'cited_text');
    if (cited !== undefined) source.cited.push({ text: cited, location: locationOf(citation, t) });
    sources.set(found.key, source);
  }
  return [...sources.values()];
}

/** The places a source's passages are at, once each ("pp. 5–6, p. 12"). */
function locationsOf(source: CitedSource): string | undefined {
  const places = [...new Set(source.cited.flatMap((passage) => passage.location ?? []))];
  return places.length > 0 ? places.join(', ') : undefined;
}

/** A source's passages, each quoted, with where it is: for a tooltip or a description. */
export function quotedPassages(source: CitedSource, t: Translate): string | undefined {
  const quoted = source.cited.map(({ text, location }) =>
    location === undefined ? t('“{0}”', text) : `${location}: ${t('“{0}”', text)}`,
  );
  return quoted.length > 0 ? quoted.join('\n') : undefined;
}

/**
 * A block's `citations`, as citations: restored conversations are not validated like streamed
 * ones, so what is no citation is skipped.
 */
export function citationsOf(citations: unknown): Citation[] {
  return Array.isArray(citations)
    ? citations.filter((citation): citation is Citation => typeof citation === 'object' && citation !== null)
    : [];
}

// Every text block of a message asks for the same numbering: count each message snapshot once.
const numberings = new WeakMap<readonly ContentBlock[], ReadonlyMap<string, number>>();

/** The number of each source cited anywhere in `content`, from 1 in order of first citation. */
export function numberingOf(content: readonly ContentBlock[]): ReadonlyMap<string, number> {
  let numbers = numberings.get(content);
  if (!numbers) {
    const citations = content.flatMap((block) =>
      block.type === 'text' ? citationsOf(block['citations']) : [],
    );
    numbers = new Map(sourcesOf(citations).map((source, index) => [source.key, index + 1]));
    numberings.set(content, numbers);
  }
  return numbers;
}

/**
 * The sources a text block cites: a numbered list, in order of first citation. A web page is a link
 * (title and domain) with the cited passages in its tooltip; a document (with the pages a PDF is
 * cited at) opens to show its cited passages. Renders nothing when there are no citations.
 *
 * @example
 * <Citations citations={block.citations} messageContent={message.content} />
 */
export function Citations({ citations, messageContent, idPrefix, ...props }: CitationsProps): ReactNode {
  const t = useLabels();
  const sources = sourcesOf(citationsOf(citations), t);
  if (sources.length === 0) return null;
  const numbers = messageContent ? numberingOf(messageContent) : undefined;
  return (
    <ol data-slot="citations" aria-label={t('Sources')} {...props}>
      {sources.map((source, index) => {
        const number = numbers?.get(source.key) ?? index + 1;
        const id = idPrefix === undefined ? undefined : `${idPrefix}${number}`;
        const cited = quotedPassages(source, t);
        const domain = source.url === undefined ? undefined : domainOf(source.url);
        const where = locationsOf(source);
        const label = (
          <>
            <span data-slot="citation-number" aria-hidden>
              {number}
            </span>
            <span data-slot="citation-title">{source.title}</span>
            {where === undefined ? null : <span data-slot="citation-domain"> · {where}</span>}
          </>
        );
        if (source.url !== undefined) {
          return (
            <li key={source.key} data-slot="citation">
              <a
                id={id}
                data-slot="citation-source"
                href={source.url}
                title={cited}
                target="_blank"
                rel="noopener noreferrer"
              >
                {label}
                {domain !== undefined && domain !== source.title ? (
                  <span data-slot="citation-domain"> · {domain}</span>
                ) : null}
              </a>
            </li>
          );
        }
        // A document has nowhere to go: what it is cited for opens under its name.
        return (
          <li key={source.key} data-slot="citation">
            <details data-slot="citation-document">
              <summary id={id} data-slot="citation-source" title={cited}>
                {label}
              </summary>
              {source.cited.length > 0 ? (
                <ul data-slot="citation-passages">
                  {source.cited.map((passage, at) => (
                    <li key={at}>
                      {passage.location === undefined ? null : (
                        <span data-slot="citation-domain">{passage.location} </span>
                      )}
                      <q>{passage.text}</q>
                    </li>
                  ))}
                </ul>
              ) : null}
            </details>
          </li>
        );
      })}
    </ol>
  );
}
