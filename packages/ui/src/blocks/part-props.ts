import type { HTMLAttributes } from 'react';
import type { ContentBlock } from '@chatstream/reader';
import type { BlockRendererProps } from '../block-props.ts';

/**
 * Props of a block renderer: {@link BlockRendererProps} plus the attributes of its root element
 * (`className` among them), spread on it last.
 */
export type BlockPartProps<
  Block extends ContentBlock = ContentBlock,
  Element extends HTMLElement = HTMLDivElement,
> = BlockRendererProps<Block> & Omit<HTMLAttributes<Element>, keyof BlockRendererProps | 'children'>;

/** The props a block renderer takes for itself, so the rest can be spread on its root element. */
export const RENDERER_PROP_NAMES = [
  'block',
  'index',
  'message',
  'progress',
  'toolCall',
  'toolUse',
  'textRun',
  'renderText',
  'onApprove',
  'onToolResult',
] as const;

type RendererPropName = (typeof RENDERER_PROP_NAMES)[number];

/** `props` without the renderer props, ready to spread on the root element. */
export function rootProps<Props extends object>(props: Props): Omit<Props, RendererPropName> {
  const rest = { ...props } as Record<string, unknown>;
  for (const name of RENDERER_PROP_NAMES) delete rest[name];
  return rest as Omit<Props, RendererPropName>;
}
