import type { ReactNode } from 'react';
import type { TextBlock as TextContentBlock } from '@chatstream/reader';
import { Citations } from './citations.tsx';
import { PlainText } from './plain-text.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { isStillStreaming } from './block-streaming.ts';

/** Props of {@link TextBlock}. */
export type TextBlockProps = BlockPartProps<TextContentBlock>;

/**
 * A text block: `renderText` (markdown) when given, else the plain text with its line breaks, a
 * streaming cursor while the block streams, and its citations.
 *
 * @example
 * <TextBlock block={block} index={0} message={message} progress={message.blocks?.[0]} renderText={markdownRenderText} />
 */
export function TextBlock(props: TextBlockProps): ReactNode {
  const { block, progress, message, renderText } = props;
  const streaming = isStillStreaming(progress, message);
  return (
    <div data-slot="text-block" data-state={streaming ? 'streaming' : 'complete'} {...rootProps(props)}>
      {renderText ? (
        <div data-slot="text-block-content">{renderText(block.text, streaming)}</div>
      ) : (
        <div data-slot="text-block-content" data-format="plain">
          <PlainText text={block.text} streaming={streaming} />
        </div>
      )}
      {renderText && streaming ? <span data-slot="streaming-cursor" aria-hidden /> : null}
      <Citations citations={block.citations} messageContent={message.content} />
    </div>
  );
}
