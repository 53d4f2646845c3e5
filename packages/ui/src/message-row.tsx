import { memo, type NamedExoticComponent, type ReactNode } from 'react';
import { useChatMessage, useChatSession } from '@chatstream/react';
import { type ChatMessage, holdsToolResults } from '@chatstream/reader';
import type { BlockRendererProps, BlockRenderers } from './block-props.ts';
import type { ChatStreamComponents } from './chat-stream-components.ts';

/** Props of {@link MessageRow}; all keep their identity while the conversation's ids do not change. */
export interface MessageRowProps {
  /** The message's id in the provided session. */
  id: string;
  /** The id of the message before it (tool results look up their `tool_use` there). */
  previousId: string | undefined;
  /** The ids of the two messages after it: an answer whose tools' results came back goes on in the second. */
  nextId: string | undefined;
  laterId: string | undefined;
  parts: ChatStreamComponents;
  renderers: BlockRenderers | undefined;
  renderText: BlockRendererProps['renderText'];
  onApprove: BlockRendererProps['onApprove'];
  onToolResult: BlockRendererProps['onToolResult'];
}

/**
 * A user turn that only carries results of client tool calls the session ran or received: the
 * tool card in the answer above already shows each result, so `ChatStream` draws no row for it.
 *
 * @example
 * const shown = messages.filter((message, i) => !repeatsToolResults(message, messages[i - 1]));
 */
export function repeatsToolResults(message: ChatMessage, previous: ChatMessage | undefined): boolean {
  return (
    holdsToolResults(message) &&
    message.content.every((block) => previous?.toolCalls?.[block['tool_use_id'] as string] !== undefined)
  );
}

/**
 * One transcript row of `ChatStream`. It follows its own message (and the one before it) in the
 * provided session, so while an answer streams only that answer's row renders, and no other row's
 * props are compared.
 */
export const MessageRow: NamedExoticComponent<MessageRowProps> = /* @__PURE__ */ memo(function MessageRow({
  id,
  previousId,
  nextId,
  laterId,
  parts,
  renderText,
  ...contentProps
}: MessageRowProps): ReactNode {
  const session = useChatSession();
  const message = useChatMessage(id);
  const previous = useChatMessage(previousId);
  const answer = message?.role === 'assistant';
  // Followed for an answer only: what comes after one is the person's (never streamed), and so no
  // token of the next answer renders this row.
  const next = useChatMessage(answer ? nextId : undefined);
  if (!message || repeatsToolResults(message, previous)) return null;
  // An answer goes on after its tools' results only if an answer follows them (not a new question
  // after a stop); a message's role never changes, so it is read, not followed.
  const goesOn =
    answer &&
    next !== undefined &&
    holdsToolResults(next) &&
    laterId !== undefined &&
    session.getMessage(laterId)?.role === 'assistant';
  return (
    <parts.Message
      role={holdsToolResults(message) ? 'tool' : message.role}
      status={message.status}
      stopReason={message.stopReason}
      data-message-id={message.id}
      // One answer to the person, in steps: each step after tool results continues the one before.
      data-continues={(answer && previous !== undefined && holdsToolResults(previous)) || undefined}
      data-goes-on={goesOn || undefined}
    >
      <parts.MessageContent
        message={message}
        previous={previous}
        // User text is shown as typed; markdown is for the model's answers.
        renderText={message.role === 'assistant' ? renderText : undefined}
        {...contentProps} // renderers, onApprove, onToolResult
      />
    </parts.Message>
  );
});
