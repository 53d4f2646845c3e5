import { memo, type NamedExoticComponent, type ReactNode } from 'react';
import type { ChatMessage } from '@chatstream/reader';
import type { BlockRendererProps, BlockRenderers } from './block-props.ts';
import type { ChatStreamComponents } from './chat-stream-components.ts';

/** Props of {@link MessageRow}; all keep their identity while the message does not change. */
export interface MessageRowProps {
  message: ChatMessage;
  /** The message before it (tool results look up their `tool_use` there). */
  previous: ChatMessage | undefined;
  parts: ChatStreamComponents;
  renderers: BlockRenderers | undefined;
  renderText: BlockRendererProps['renderText'];
  onApprove: BlockRendererProps['onApprove'];
  onToolResult: BlockRendererProps['onToolResult'];
}

/** A user turn that only carries tool results: shown as the tool's, not the person's. */
export function isToolTurn(message: ChatMessage): boolean {
  return (
    message.role === 'user' &&
    message.content.length > 0 &&
    message.content.every((block) => block.type === 'tool_result')
  );
}

/**
 * One transcript row of `ChatStream`, memoised: the session keeps settled messages' identity, so a
 * settled row does not render again while another message streams.
 */
export const MessageRow: NamedExoticComponent<MessageRowProps> = memo(function MessageRow({
  message,
  previous,
  parts,
  renderers,
  renderText,
  onApprove,
  onToolResult,
}: MessageRowProps): ReactNode {
  const { Message, MessageContent } = parts;
  return (
    <Message
      role={isToolTurn(message) ? 'tool' : message.role}
      status={message.status}
      data-message-id={message.id}
    >
      <MessageContent
        message={message}
        previous={previous}
        renderers={renderers}
        // User text is shown as typed; markdown is for the model's answers.
        renderText={message.role === 'assistant' ? renderText : undefined}
        onApprove={onApprove}
        onToolResult={onToolResult}
      />
    </Message>
  );
});
