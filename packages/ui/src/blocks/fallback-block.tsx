import type { ReactNode } from 'react';
import type { ContentBlock } from '@chatstream/reader';
import { useLabels } from '../labels.tsx';
import { formatValue } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';

/** Props of {@link FallbackBlock}. */
export type FallbackBlockProps = BlockPartProps<ContentBlock, HTMLDetailsElement>;

/**
 * Any block type without a renderer (one a later API version sends): its type, and
 * its JSON on request. Never throws on an unexpected shape.
 *
 * @example
 * <FallbackBlock block={{ type: 'future_block', note: 'x' }} index={2} message={message} progress={undefined} />
 */
export function FallbackBlock(props: FallbackBlockProps): ReactNode {
  const { block } = props;
  const t = useLabels();
  const type = typeof block?.type === 'string' ? block.type : 'unknown';
  return (
    <details data-slot="fallback-block" data-type={type} {...rootProps(props)}>
      <summary>
        {t('Unsupported content:')} <code>{type}</code>
      </summary>
      <pre data-slot="fallback-block-json" tabIndex={0} role="group" aria-label={t('JSON')}>
        {formatValue(block, t)}
      </pre>
    </details>
  );
}
