import { useEffect, useRef, useState, type ReactNode, type ToggleEvent } from 'react';
import type { ThinkingBlock as ThinkingContentBlock } from '@chatstream/reader';
import { english, type Translate, useLabels } from '../labels.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { isStillStreaming } from './block-streaming.ts';

/** Props of {@link ThinkingBlock}. */
export type ThinkingBlockProps = BlockPartProps<ThinkingContentBlock, HTMLDetailsElement>;

/**
 * "Thought for 12 seconds" from a measured duration, or a neutral summary when none was seen, in
 * the words of `t` (default English).
 *
 * @example
 * thinkingSummary(false, 12_000, useLabels()); // 'Thought for 12 seconds'
 */
export function thinkingSummary(
  streaming: boolean,
  durationMs: number | undefined,
  t: Translate = english,
): string {
  if (streaming) return t('Thinking…');
  if (durationMs === undefined) return t('Thought process');
  const seconds = Math.max(1, Math.round(durationMs / 1000));
  return seconds === 1 ? t('Thought for 1 second') : t('Thought for {0} seconds', seconds);
}

/**
 * Extended thinking as a disclosure: open while the thinking streams, collapsed once it is done
 * (the user can open or close it at any time), summarised as "Thought for N seconds" when this
 * component saw it stream, else "Thought process".
 *
 * @example
 * <ThinkingBlock block={block} index={0} message={message} progress={message.blocks?.[0]} />
 */
export function ThinkingBlock(props: ThinkingBlockProps): ReactNode {
  const { block, progress, message, onToggle } = props;
  const t = useLabels();
  const streaming = isStillStreaming(progress, message);
  const [open, setOpen] = useState(streaming);
  const [durationMs, setDurationMs] = useState<number | undefined>(undefined);
  // Set by the effect: reading the clock while rendering would be impure (and thrown away after the first).
  const startedAt = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (streaming) {
      startedAt.current ??= performance.now();
      setOpen(true);
    } else if (startedAt.current !== undefined) {
      setDurationMs(performance.now() - startedAt.current);
      startedAt.current = undefined;
      setOpen(false);
    }
  }, [streaming]);

  const toggle = (event: ToggleEvent<HTMLDetailsElement>): void => {
    setOpen(event.currentTarget.open);
    onToggle?.(event);
  };

  return (
    <details
      data-slot="thinking-block"
      data-state={streaming ? 'streaming' : 'complete'}
      open={open}
      {...rootProps(props)}
      onToggle={toggle}
    >
      <summary data-slot="thinking-summary">{thinkingSummary(streaming, durationMs, t)}</summary>
      <div data-slot="thinking-content">
        {block.thinking}
        {streaming ? <span data-slot="streaming-cursor" aria-hidden /> : null}
      </div>
    </details>
  );
}
