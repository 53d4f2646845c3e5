import type { ReactNode } from 'react';
import { isRecord } from './format-value.ts';
import { useLabels } from '../labels.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { serverToolErrorCode, serverToolErrorKey } from './server-tool-errors.ts';

/** Props of {@link ToolSearchResultBlock}. */
export type ToolSearchResultBlockProps = BlockPartProps;

/** The names of the tools a search found, as the API sent them: skips what is no tool reference. */
function toolNamesOf(content: unknown): string[] {
  const references = isRecord(content) ? content['tool_references'] : undefined;
  if (!Array.isArray(references)) return [];
  return references.flatMap((reference: unknown) =>
    isRecord(reference) && typeof reference['tool_name'] === 'string' ? [reference['tool_name']] : [],
  );
}

/**
 * A `tool_search_tool_result` (the tool search server tool: Claude looking up, among tools sent with
 * `defer_loading`, the ones it needs): the names of the tools found, or why the search failed in
 * words, with the API's `error_code` beside them (`data-state="error"`).
 *
 * @example
 * <ToolSearchResultBlock block={block} index={2} message={message} progress={undefined} />
 */
export function ToolSearchResultBlock(props: ToolSearchResultBlockProps): ReactNode {
  const { block } = props;
  const t = useLabels();
  const errorCode = serverToolErrorCode(block['content']);
  // The API's own words for a failure (a pattern that is no regular expression), when it gives them.
  const said = isRecord(block['content']) ? block['content']['error_message'] : undefined;
  const names = toolNamesOf(block['content']);
  return (
    <div
      data-slot="tool-search-result-block"
      data-state={errorCode === undefined ? 'done' : 'error'}
      role="group"
      aria-label={t('Tools found')}
      {...rootProps(props)}
    >
      {errorCode !== undefined ? (
        <p data-slot="tool-search-error">
          {t(serverToolErrorKey('tool_search', errorCode))}{' '}
          {typeof said === 'string' && said ? (
            <span data-slot="tool-search-error-message">{said} </span>
          ) : null}
          <code data-slot="tool-search-error-code">{errorCode}</code>
        </p>
      ) : names.length === 0 ? (
        <p data-slot="tool-search-empty">{t('No tools found.')}</p>
      ) : (
        <ul data-slot="tool-search-results">
          {/* The group's name, shown; said once, as the group's label. */}
          <li data-slot="tool-search-label" aria-hidden="true">
            {t('Tools found')}
          </li>
          {names.map((name, index) => (
            <li key={index} data-slot="tool-search-result">
              <code>{name}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
