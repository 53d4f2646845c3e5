import type { ReactNode } from 'react';
import { domainOf, httpUrl } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';

/** Props of {@link WebSearchResultBlock}. */
export type WebSearchResultBlockProps = BlockPartProps;

interface Hit {
  title: string;
  url: string | undefined;
  pageAge: string | undefined;
}

function hitsOf(content: unknown): Hit[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((item: unknown): Hit[] => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const url = httpUrl(record['url']);
    const title =
      typeof record['title'] === 'string' && record['title'] !== '' ? record['title'] : (url ?? 'Untitled');
    const pageAge = typeof record['page_age'] === 'string' ? record['page_age'] : undefined;
    return [{ title, url, pageAge }];
  });
}

function errorCodeOf(content: unknown): string | undefined {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return undefined;
  const code = (content as Record<string, unknown>)['error_code'];
  return typeof code === 'string' ? code : 'unknown_error';
}

/**
 * A `web_search_tool_result`: the pages found, as links with their titles, domains and ages, or
 * the error code when the search failed (`data-state="error"`).
 *
 * @example
 * <WebSearchResultBlock block={block} index={2} message={message} progress={undefined} toolUse={serverToolUse} />
 */
export function WebSearchResultBlock(props: WebSearchResultBlockProps): ReactNode {
  const { block, toolUse } = props;
  const errorCode = errorCodeOf(block['content']);
  const hits = hitsOf(block['content']);
  const query = (toolUse?.['input'] as { query?: unknown } | undefined)?.query;
  const label = typeof query === 'string' ? `Search results for ${query}` : 'Search results';
  return (
    <div
      data-slot="web-search-result-block"
      data-state={errorCode === undefined ? 'done' : 'error'}
      role="group"
      aria-label={label}
      {...rootProps(props)}
    >
      {errorCode !== undefined ? (
        <p data-slot="web-search-error">
          Web search failed: <code>{errorCode}</code>
        </p>
      ) : hits.length === 0 ? (
        <p data-slot="web-search-empty">No results.</p>
      ) : (
        <ul data-slot="web-search-results">
          {hits.map((hit, index) => (
            <li key={index} data-slot="web-search-result">
              {hit.url === undefined ? (
                <span data-slot="web-search-result-title">{hit.title}</span>
              ) : (
                <a
                  data-slot="web-search-result-title"
                  href={hit.url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {hit.title}
                </a>
              )}
              {hit.url !== undefined ? (
                <span data-slot="web-search-result-domain">{domainOf(hit.url)}</span>
              ) : null}
              {hit.pageAge !== undefined ? (
                <span data-slot="web-search-result-age">{hit.pageAge}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
