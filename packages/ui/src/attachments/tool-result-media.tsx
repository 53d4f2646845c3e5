import type { ReactNode } from 'react';
import type {
  ChatMessage,
  ContentBlock,
  DocumentBlock as DocumentContentBlock,
  ImageBlock as ImageContentBlock,
} from '@chatstream/reader';
import {
  ToolResultBlock,
  ToolUseBlock,
  type ToolResultBlockProps,
  type ToolUseBlockProps,
} from '@chatstream/ui';
import { DocumentBlock } from './document-block.tsx';
import { ImageBlock } from './image-block.tsx';

type MediaBlock = ImageContentBlock | DocumentContentBlock;

const isMedia = (item: unknown): item is MediaBlock => {
  const type = (item as { type?: unknown } | null | undefined)?.type;
  return type === 'image' || type === 'document';
};

/** A result's images and documents apart from the rest of it; undefined when it holds none. */
function splitMedia(result: unknown): { media: MediaBlock[]; rest: unknown[] } | undefined {
  if (!Array.isArray(result) || !result.some(isMedia)) return undefined;
  return { media: result.filter(isMedia), rest: result.filter((item) => !isMedia(item)) };
}

/** The images and documents of a result, drawn by the attachment renderers. */
function ResultMedia(props: { media: MediaBlock[]; index: number; message: ChatMessage }): ReactNode {
  const { media, index, message } = props;
  return (
    <div data-slot="tool-result-media">
      {media.map((block, position) => {
        const Part = (block.type === 'image' ? ImageBlock : DocumentBlock) as typeof ImageBlock;
        return (
          <Part
            key={position}
            block={block as ImageContentBlock}
            index={index}
            message={message}
            progress={undefined}
          />
        );
      })}
    </div>
  );
}

/**
 * {@link ToolUseBlock} that draws the images and documents among a client tool's result (a
 * screenshot, a chart) inside its card, after the rest of the result, instead of as their JSON.
 * `attachmentRenderers` renders `tool_use` blocks with it.
 *
 * @example
 * <MessageContent message={message} renderers={{ tool_use: ToolUseBlockWithMedia }} />
 */
export function ToolUseBlockWithMedia(props: ToolUseBlockProps): ReactNode {
  const { toolCall, index, message } = props;
  const split = splitMedia(toolCall?.result);
  if (!toolCall || !split) return <ToolUseBlock {...props} />;
  return (
    <ToolUseBlock {...props} toolCall={{ ...toolCall, result: split.rest }}>
      <ResultMedia media={split.media} index={index} message={message} />
    </ToolUseBlock>
  );
}

/**
 * {@link ToolResultBlock} that draws the images and documents in a `tool_result`'s content inside
 * its card, after the rest of the content, instead of as their JSON. `attachmentRenderers` renders
 * `tool_result` blocks with it.
 *
 * @example
 * <MessageContent message={message} previous={previous} renderers={{ tool_result: ToolResultBlockWithMedia }} />
 */
export function ToolResultBlockWithMedia(props: ToolResultBlockProps): ReactNode {
  const { block, index, message } = props;
  const split = splitMedia(block.content);
  if (!split) return <ToolResultBlock {...props} />;
  return (
    <ToolResultBlock {...props} block={{ ...block, content: split.rest as ContentBlock[] }}>
      <ResultMedia media={split.media} index={index} message={message} />
    </ToolResultBlock>
  );
}
