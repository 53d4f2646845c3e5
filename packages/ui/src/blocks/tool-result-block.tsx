import type { ReactNode } from 'react';
import type { ToolResultBlock as ToolResultContentBlock } from '@chatstream/reader';
import { useLabels } from '../labels.tsx';
import { formatValue } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';

/** Props of {@link ToolResultBlock}. */
export type ToolResultBlockProps = BlockPartProps<ToolResultContentBlock> & {
  /** Shown at the end of the card, e.g. the images of the result (`@chatstream/ui/attachments` does). */
  children?: ReactNode | undefined;
};

/**
 * A `tool_result` block (in a user message): which tool it answers (from `toolUse`), whether it
 * failed (`data-state="error"` for `is_error`), and its content as text or JSON.
 *
 * @example
 * <ToolResultBlock block={block} index={0} message={userMessage} progress={undefined} toolUse={toolUseBlock} />
 */
export function ToolResultBlock(props: ToolResultBlockProps): ReactNode {
  const { block, toolUse } = props;
  const t = useLabels();
  const name = typeof toolUse?.['name'] === 'string' ? toolUse['name'] : t('tool');
  const failed = block.is_error === true;
  return (
    <div
      data-slot="tool-result-block"
      data-state={failed ? 'error' : 'done'}
      role="group"
      aria-label={t(failed ? 'Tool error: {0}' : 'Tool result: {0}', name)}
      {...rootProps(props)}
    >
      <div data-slot="tool-result-header">
        <span data-slot="tool-result-name">{name}</span>
        <span data-slot="tool-result-status">{t(failed ? 'Error' : 'Result')}</span>
      </div>
      {/* Scrolls when long: reachable by keyboard, and named for the screen reader landing on it. */}
      <pre data-slot="tool-result-content" tabIndex={0} role="group" aria-label={t('Content')}>
        {formatValue(block.content, t)}
      </pre>
      {props.children}
    </div>
  );
}
