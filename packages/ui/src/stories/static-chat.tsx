import type { ReactNode } from 'react';
import type { ChatMessage, ChatSessionStatus, StreamStats as Stats } from '@chatstream/reader';
import type { BlockRendererProps, BlockRenderers } from '../block-props.ts';
import { Composer } from '../composer.tsx';
import { EmptyState } from '../empty-state.tsx';
import { ErrorNotice } from '../error-notice.tsx';
import { MessageContent } from '../message-content.tsx';
import { MessageList } from '../message-list.tsx';
import { Message } from '../message.tsx';
import { holdsToolResults } from '@chatstream/reader';
import { RegenerateButton } from '../regenerate-button.tsx';
import { StopNotice } from '../stop-notice.tsx';
import { StreamStats } from '../stream-stats.tsx';
import { TypingIndicator } from '../typing-indicator.tsx';

/** Props of {@link StaticChat}. */
export interface StaticChatProps {
  /** The conversation at the moment shown. */
  messages: readonly ChatMessage[];
  /** The session status at that moment. */
  status?: ChatSessionStatus | undefined;
  /** The failure, when `status` is `error`. */
  error?: unknown;
  /** Figures shown above the composer. */
  stats?: Stats | undefined;
  /** Prompts of the empty state. */
  suggestions?: readonly string[] | undefined;
  /** Markdown for answers. */
  renderText?: BlockRendererProps['renderText'];
  /** Block renderers merged over the defaults (e.g. `attachmentRenderers`). */
  renderers?: BlockRenderers | undefined;
  /** Wired to the tool card's Approve / Deny. */
  onApprove?: BlockRendererProps['onApprove'];
  /** Height of the chat (the transcript scrolls inside it). */
  height?: number | string | undefined;
  /** Placeholder of the composer. */
  placeholder?: string | undefined;
  /** Accessible name of the composer's text box. */
  composerLabel?: string | undefined;
}

/**
 * One moment of a conversation drawn from the parts, the way `ChatStream` lays them out (the README's
 * "building your own layout" recipe): for static stories, where a fixture stands in for the session.
 * A tool-result turn whose result the tool card above already shows is left out, as in `ChatStream`.
 */
export function StaticChat({
  messages,
  status = 'ready',
  error,
  stats,
  suggestions,
  renderText,
  renderers,
  onApprove,
  height = 440,
  placeholder,
  composerLabel,
}: StaticChatProps): ReactNode {
  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);
  const pending = Object.values(last?.toolCalls ?? {}).some((call) =>
    ['input-streaming', 'awaiting-approval', 'awaiting-result', 'running'].includes(call.status),
  );
  const settled = status === 'ready' && last?.role === 'assistant' && !pending ? last : undefined;
  return (
    <div data-slot="chat-stream" data-state={status} style={{ blockSize: height }}>
      <MessageList busy={busy}>
        {messages.length === 0 ? <EmptyState suggestions={suggestions} /> : null}
        {messages.map((message, index) => {
          const previous = messages[index - 1];
          const toolTurn = holdsToolResults(message);
          if (
            toolTurn &&
            message.content.every((block) => previous?.toolCalls?.[block['tool_use_id'] as string])
          ) {
            return null;
          }
          return (
            <Message key={message.id} role={toolTurn ? 'tool' : message.role} status={message.status}>
              <MessageContent
                message={message}
                previous={previous}
                renderers={renderers}
                renderText={message.role === 'assistant' ? renderText : undefined}
                onApprove={onApprove}
              />
            </Message>
          );
        })}
        {settled ? <StopNotice stopReason={settled.stopReason} onContinue={() => {}} /> : null}
        {settled ? (
          <div data-slot="message-actions">
            <RegenerateButton />
          </div>
        ) : null}
        {status === 'submitted' ? <TypingIndicator /> : null}
        {status === 'error' ? (
          <ErrorNotice
            error={error}
            partial={last?.role === 'assistant' && last.content.length > 0}
            onRetry={() => {}}
          />
        ) : null}
      </MessageList>
      <div data-slot="chat-stream-footer">
        {stats ? <StreamStats stats={stats} streaming={busy} /> : null}
        <Composer
          busy={busy}
          onSend={() => {}}
          onStop={() => {}}
          placeholder={placeholder}
          label={composerLabel}
        />
      </div>
    </div>
  );
}
