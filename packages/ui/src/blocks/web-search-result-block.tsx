import type { ReactNode } from 'react';
import { domainOf, httpUrl, isRecord } from './format-value.ts';
import { useLabels } from '../labels.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { serverToolErrorKey } from './server-tool-errors.ts';

/** Props of {@link WebSearchResultBlock}. */
export type WebSearchResultBlockProps = BlockPartProps;

/** The results of a search, as the API sent them: skips what is no object. */
function hitsOf(content: unknown): Record<string, unknown>[] {
  return Array.isArray(content)
    ? content.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

function errorCodeOf(content: unknown): string | undefined {
  if (!isRecord(content)) return undefined;
  const code = content['error_code'];
  return typeof code === 'string' ? code : 'unknown_error';
}

/**
 * A `web_search_tool_result`: the pages found, as links with their titles, domains and ages, or
 * why the search failed in words, with the API's `error_code` beside them (`data-state="error"`).
 *
 * @example
 * <WebSearchResultBlock block={block} index={2} message={message} progress={undefined} toolUse={serverToolUse} />
 */
export function WebSearchResultBlock(props: WebSearchResultBlockProps): ReactNode {
  const { block, toolUse } = props;
  const t = useLabels();
  const errorCode = errorCodeOf(block['content']);
  const hits = hitsOf(block['content']);
  const query = (toolUse?.['input'] as { query?: unknown } | undefined)?.query;
  const label = typeof query === 'string' ? t('Search results for {0}', query) : t('Search results');
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
          {t(serverToolErrorKey('web_search', errorCode))}{' '}
          <code data-slot="web-search-error-code">{errorCode}</code>
        </p>
      ) : hits.length === 0 ? (
        <p data-slot="web-search-empty">{t('No results.')}</p>
      ) : (
        <ul data-slot="web-search-results">
          {hits.map((hit, index) => {
            const url = httpUrl(hit['url']);
            const title = (typeof hit['title'] === 'string' && hit['title']) || url || t('Untitled');
            const age = hit['page_age'];
            return (
              <li key={index} data-slot="web-search-result">
                {url === undefined ? (
                  <span data-slot="web-search-result-title">{title}</span>
                ) : (
                  <a data-slot="web-search-result-title" href={url} target="_blank" rel="noopener noreferrer">
                    {title}
                  </a>
                )}
                {url !== undefined ? <span data-slot="web-search-result-domain">{domainOf(url)}</span> : null}
                {typeof age === 'string' ? <span data-slot="web-search-result-age">{age}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
