import type { HTMLAttributes, ReactNode } from 'react';
import type { Citation } from '@chatstream/reader';
import { cx } from '../cx.ts';
import { domainOf, httpUrl } from './format-value.ts';

/** Props of {@link Citations}. */
export interface CitationsProps extends Omit<HTMLAttributes<HTMLOListElement>, 'children'> {
  /** The citations of a text block, as the API sent them. */
  citations: readonly Citation[] | null | undefined;
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

/** One entry per source (a URL, or a document), in order of first citation. */
function sourcesOf(citations: readonly Citation[]): Source[] {
  const sources = new Map<string, Source>();
  for (const citation of citations) {
    const url = httpUrl(citation['url']) ?? httpUrl(citation['source']);
    const title =
      stringField(citation, 'title') ??
      stringField(citation, 'document_title') ??
      (url === undefined ? undefined : domainOf(url)) ??
      (typeof citation['document_index'] === 'number'
        ? `Document ${citation['document_index'] + 1}`
        : 'Source');
    const documentIndex = typeof citation['document_index'] === 'number' ? citation['document_index'] : '';
    const key = url ?? `${title}#${documentIndex}`;
    const source = sources.get(key) ?? { key, title, url, cited: [] };
    if (citation.cited_text) source.cited.push(citation.cited_text);
    sources.set(key, source);
  }
  return [...sources.values()];
}

/**
 * The sources a text block cites: a numbered list of links (title and domain), the cited passages
 * in each link's tooltip. Renders nothing when there are no citations.
 *
 * @example
 * <Citations citations={block.citations} />
 */
export function Citations({ citations, className, ...props }: CitationsProps): ReactNode {
  if (!citations || citations.length === 0) return null;
  const sources = sourcesOf(citations);
  return (
    <ol data-slot="citations" aria-label="Sources" className={cx(className)} {...props}>
      {sources.map((source, index) => {
        const cited = source.cited.map((text) => `“${text}”`).join('\n') || undefined;
        const domain = source.url === undefined ? undefined : domainOf(source.url);
        return (
          <li key={source.key} data-slot="citation">
            <span data-slot="citation-number" aria-hidden="true">
              {index + 1}
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
