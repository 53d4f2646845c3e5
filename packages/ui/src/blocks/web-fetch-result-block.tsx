import { useMemo, type ReactNode } from 'react';
import { useLabels } from '../labels.tsx';
import { fetchedDocument } from './fetched-document.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { serverToolErrorCode, serverToolErrorKey } from './server-tool-errors.ts';

/** Props of {@link WebFetchResultBlock}. */
export type WebFetchResultBlockProps = BlockPartProps;

/** `date` in the page's language (its `lang`), else the browser's. */
function formatDate(date: Date): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
      date,
    );
  } catch {
    // An invalid `lang` (a typo in the page) must not take the message down.
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/**
 * A `web_fetch_tool_result` (Anthropic's web fetch tool): the page fetched, as a link with its title
 * (or its domain) that opens in a new tab, the domain, what it is ("Text · 1,204 characters", "PDF"),
 * and when it was retrieved; not the document itself, which is for the model. A failed fetch (`data-state="error"`) says why in words, with the API's `error_code`
 * beside them. Only http(s) URLs become links. `data-kind` is `text`, `pdf` or `unknown`.
 *
 * @example
 * <WebFetchResultBlock block={block} index={5} message={message} progress={undefined} toolUse={serverToolUse} />
 */
export function WebFetchResultBlock(props: WebFetchResultBlockProps): ReactNode {
  const { block } = props;
  const t = useLabels();
  const content = block['content'];
  const errorCode = serverToolErrorCode(content);
  const page = useMemo(() => fetchedDocument(content, t), [content, t]);
  if (errorCode !== undefined) {
    return (
      <div
        data-slot="web-fetch-result-block"
        data-state="error"
        role="group"
        aria-label={t('Web fetch result')}
        {...rootProps(props)}
      >
        <p data-slot="web-fetch-error">
          {t(serverToolErrorKey('web_fetch', errorCode))}{' '}
          <code data-slot="web-fetch-error-code">{errorCode}</code>
        </p>
      </div>
    );
  }
  return (
    <div
      data-slot="web-fetch-result-block"
      data-state="done"
      data-kind={page.kind}
      role="group"
      aria-label={t('Web fetch result')}
      {...rootProps(props)}
    >
      <div data-slot="web-fetch-result-header">
        {page.url === undefined ? (
          <span data-slot="web-fetch-result-title">{page.title}</span>
        ) : (
          <a data-slot="web-fetch-result-title" href={page.url} target="_blank" rel="noopener noreferrer">
            {page.title}
          </a>
        )}
        {page.domain !== undefined ? <span data-slot="web-fetch-result-domain">{page.domain}</span> : null}
      </div>
      {page.details !== undefined || page.retrievedAt !== undefined ? (
        <div data-slot="web-fetch-result-details">
          {page.details !== undefined ? <span data-slot="web-fetch-result-kind">{page.details}</span> : null}
          {page.retrievedAt !== undefined ? (
            // The separator goes with the date: a line that wraps never ends on it.
            <span data-slot="web-fetch-result-when">
              {page.details !== undefined ? (
                <span data-slot="web-fetch-result-separator" aria-hidden="true">
                  ·
                </span>
              ) : null}
              {/* The server's time zone and language can differ from the browser's. */}
              <time
                data-slot="web-fetch-result-time"
                dateTime={page.retrievedAt.toISOString()}
                suppressHydrationWarning
              >
                {t('Fetched {0}', formatDate(page.retrievedAt))}
              </time>
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
