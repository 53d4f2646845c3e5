import type { ChatMessage, ToolCallState } from '@chatstream/reader';
import { render } from 'vitest-browser-react';
import type { BlockRenderer, BlockRendererProps } from '../../block-props.ts';
import { defaultBlockRenderers } from '../default-block-renderers.ts';
import { ownEntry } from '../../own-entry.ts';

/** Extra props for {@link renderBlock}. */
export type ExtraProps = Partial<Omit<BlockRendererProps, 'block' | 'index' | 'message' | 'progress'>> & {
  className?: string;
  id?: string;
};

/** The element for block `index` of `message`, drawn by its default renderer, as `MessageContent` would. */
export function blockElement(
  message: ChatMessage,
  index: number,
  extra: ExtraProps = {},
): React.ReactElement {
  const block = message.content[index];
  if (!block) throw new Error(`no block ${index}`);
  // Each entry takes the blocks of its own type, which is the key it is looked up by.
  const renderers = defaultBlockRenderers as Partial<Record<string, BlockRenderer>>;
  const Renderer = ownEntry(renderers, block.type) ?? renderers['fallback'];
  if (!Renderer) throw new Error('no renderer');
  const toolCall: ToolCallState | undefined =
    block.type === 'tool_use' ? message.toolCalls?.[String(block['id'])] : undefined;
  return (
    <Renderer
      block={block}
      index={index}
      message={message}
      progress={message.blocks?.[index]}
      toolCall={toolCall}
      {...extra}
    />
  );
}

/** Renders block `index` of `message` in Chromium. */
export function renderBlock(
  message: ChatMessage,
  index: number,
  extra: ExtraProps = {},
): ReturnType<typeof render> {
  return render(<div>{blockElement(message, index, extra)}</div>);
}
