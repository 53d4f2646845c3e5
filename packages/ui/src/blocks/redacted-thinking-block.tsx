import type { ReactNode } from 'react';
import type { RedactedThinkingBlock as RedactedThinkingContentBlock } from '@chatstream/reader';
import { useLabels } from '../labels.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';

/** Props of {@link RedactedThinkingBlock}. */
export type RedactedThinkingBlockProps = BlockPartProps<RedactedThinkingContentBlock>;

/**
 * Thinking the API encrypted (`redacted_thinking`): a short note, never the encrypted data (the
 * block stays in the message so it can be sent back).
 *
 * @example
 * <RedactedThinkingBlock block={block} index={1} message={message} progress={undefined} />
 */
export function RedactedThinkingBlock(props: RedactedThinkingBlockProps): ReactNode {
  return (
    <div data-slot="redacted-thinking-block" {...rootProps(props)}>
      {useLabels()('Some of the model’s reasoning was encrypted for safety reasons.')}
    </div>
  );
}
