import {
  forwardRef,
  type HTMLAttributes,
  useMemo,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import type { ChatMessage, ContentBlock } from '@chatstream/reader';
import type { BlockRenderer, BlockRendererProps, BlockRenderers } from './block-props.ts';
import { defaultBlockRenderers } from './blocks/index.ts';
import { definedOver } from './defined-over.ts';
import { ownEntry } from './own-entry.ts';
import { type TextRuns, textRunsOf } from './blocks/text-runs.ts';
import { joinedSide } from './blocks/joined-call.ts';

const NO_RUNS: TextRuns = [];

/** Props of {@link MessageContent}. */
export interface MessageContentProps extends HTMLAttributes<HTMLDivElement> {
  /** The message whose blocks to render. */
  message: ChatMessage;
  /**
   * The message before it: a user turn of `tool_result` blocks finds the matching `tool_use` blocks
   * there. Settled messages keep their identity, so passing it does not cost re-renders.
   */
  previous?: ChatMessage | undefined;
  /** Renderers by block type, merged over the defaults (`fallback` renders unknown types). */
  renderers?: BlockRenderers | undefined;
  /** Markdown for text blocks, e.g. from `@chatstream/ui/markdown`. */
  renderText?: BlockRendererProps['renderText'] | undefined;
  /** Approve or deny a tool call waiting for approval. */
  onApprove?: BlockRendererProps['onApprove'] | undefined;
  /** Answer a tool call that waits for a result. */
  onToolResult?: BlockRendererProps['onToolResult'] | undefined;
}

/**
 * The blocks of one message, each drawn by the renderer for its `type` (the defaults merged with
 * `renderers`). Every renderer gets the block, its progress and message; tool calls get their client
 * state, tool results the `tool_use` they answer, and both the approval and result callbacks.
 * Consecutive text blocks of an answer that cite sources go to the `text` renderer as one block
 * (`textRun` says where each starts): Claude splits a sentence into blocks where its citations begin
 * and end.
 *
 * @example
 * <MessageContent message={message} renderers={{ tool_use: MyToolCard }} renderText={markdownRenderText} />
 */
export const MessageContent: ForwardRefExoticComponent<MessageContentProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, MessageContentProps>(function MessageContent(
    { message, previous, renderers, renderText, onApprove, onToolResult, ...rest },
    ref,
  ) {
    // Each entry takes the blocks of its own type, which is the key it is looked up by.
    const merged = useMemo(
      () => definedOver(defaultBlockRenderers, renderers) as Partial<Record<string, BlockRenderer>>,
      [renderers],
    );
    // Only Claude's text is split where citations begin and end; a person's blocks stay apart.
    const runs = message.role === 'assistant' ? textRunsOf(message.content) : NO_RUNS;
    return (
      <div ref={ref} data-slot="message-content" data-state={message.status ?? 'complete'} {...rest}>
        {message.content.map((original, index) => {
          const run = runs[index];
          if (run === null) return null;
          const block = run?.block ?? original;
          const Renderer = ownEntry(merged, block.type) ?? merged['fallback'];
          if (!Renderer) return null;
          const toolUseId = block['tool_use_id'];
          return (
            <Renderer
              // Blocks are only ever appended, so the index (a run's first) is a stable key.
              key={index}
              block={block}
              index={index}
              message={message}
              progress={message.blocks?.[run ? run.parts.at(-1)!.index : index]}
              textRun={run?.parts}
              toolCall={block.type === 'tool_use' ? message.toolCalls?.[block['id'] as string] : undefined}
              toolUse={typeof toolUseId === 'string' ? findToolUse(toolUseId, message, previous) : undefined}
              renderText={renderText}
              onApprove={onApprove}
              onToolResult={onToolResult}
              data-joined={joinedSide(block, index, message.content)}
            />
          );
        })}
      </div>
    );
  });

function findToolUse(
  id: string,
  message: ChatMessage,
  previous: ChatMessage | undefined,
): ContentBlock | undefined {
  return [...message.content, ...(previous?.content ?? [])].find((block) => block['id'] === id);
}
