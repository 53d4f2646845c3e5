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
}

interface Source {
  key: string;
  title: string;
  url: string | undefined;
  cited: string[];
}

function stringField(citation: Citation, name: string): string | undefined {
  const value = citation[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The source a citation points to: a URL, or a document. */
function sourceOf(citation: Citation, t: Translate): Omit<Source, 'cited'> {
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
function sourcesOf(citations: readonly Citation[], t: Translate = english): Source[] {
  const sources = new Map<string, Source>();
  for (const citation of citations) {
    const found = sourceOf(citation, t);
    const source = sources.get(found.key) ?? { ...found, cited: [] };
    if (citation.cited_text) source.cited.push(citation.cited_text);
    sources.set(found.key, source);
  }
  return [...sources.values()];
}

// Every text block of a message asks for the same numbering: count each message snapshot once.
const numberings = new WeakMap<readonly ContentBlock[], ReadonlyMap<string, number>>();

/** The number of each source cited anywhere in `content`, from 1 in order of first citation. */
function numberingOf(content: readonly ContentBlock[]): ReadonlyMap<string, number> {
  let numbers = numberings.get(content);
  if (!numbers) {
    const citations = content.flatMap((block) =>
      block.type === 'text' && Array.isArray(block['citations'])
        ? // Restored conversations are not validated like streamed ones: skip what is no citation.
          (block['citations'] as unknown[]).filter(
            (citation): citation is Citation => typeof citation === 'object' && citation !== null,
          )
        : [],
    );
    numbers = new Map(sourcesOf(citations).map((source, index) => [source.key, index + 1]));
    numberings.set(content, numbers);
  }
  return numbers;
}

/**
 * The sources a text block cites: a numbered list of links (title and domain), the cited passages
 * in each link's tooltip. Renders nothing when there are no citations.
 *
 * @example
 * <Citations citations={block.citations} messageContent={message.content} />
 */
export function Citations({ citations, messageContent, ...props }: CitationsProps): ReactNode {
  const t = useLabels();
  if (!citations?.length) return null;
  const sources = sourcesOf(citations, t);
  const numbers = messageContent ? numberingOf(messageContent) : undefined;
  return (
    <ol data-slot="citations" aria-label={t('Sources')} {...props}>
      {sources.map((source, index) => {
        const cited = source.cited.map((text) => t('“{0}”', text)).join('\n') || undefined;
        const domain = source.url === undefined ? undefined : domainOf(source.url);
        return (
          <li key={source.key} data-slot="citation">
            <span data-slot="citation-number" aria-hidden>
              {numbers?.get(source.key) ?? index + 1}
            </span>
            {source.url === undefined ? (
              <span data-slot="citation-source" title={cited}>
                {source.title}
              </span>
            ) : (
              <a
                data-slot="citation-source"
                href={source.url}
                title={cited}
                target="_blank"
                rel="noopener noreferrer"
              >
                {source.title}
                {domain !== undefined && domain !== source.title ? (
                  <span data-slot="citation-domain"> · {domain}</span>
                ) : null}
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}
