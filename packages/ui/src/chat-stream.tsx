import {
  forwardRef,
  type HTMLAttributes,
  useCallback,
  useMemo,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import {
  ChatSessionProvider,
  splitChatOptions,
  type UseStreamingChatOptions,
  useStreamingChat,
} from '@chatstream/react';
import type { ChatMessage, ToolCallState } from '@chatstream/reader';
import type { BlockRendererProps, BlockRenderers } from './block-props.ts';
import { type ChatStreamComponents, defaultChatStreamComponents } from './chat-stream-components.ts';
import { describeError } from './describe-error.ts';
import { MessageRows } from './message-rows.tsx';

/** What `ChatStream` adds to the chat options. */
export interface ChatStreamOwnProps {
  /** Replaces parts (`MessageList`, `Message`, `Composer`, `ErrorNotice`, …); the rest stay the defaults. */
  components?: Partial<ChatStreamComponents> | undefined;
  /** Block renderers by block type, merged over the defaults. */
  renderers?: BlockRenderers | undefined;
  /** Markdown for text blocks, e.g. `markdownRenderText` from `@chatstream/ui/markdown`. */
  renderText?: BlockRendererProps['renderText'];
  /** Prompts the empty conversation offers. */
  suggestions?: readonly string[] | undefined;
  /** Shows time to first token, tokens/s, tokens and progress toward `max_tokens`. */
  showStats?: boolean | undefined;
  /** Placeholder of the message box. */
  placeholder?: string | undefined;
}

/** Props of {@link ChatStream}: chat options (`api`, `chat`, `fetch`, `tools`, …), its own props, and the root `<div>`'s. */
export type ChatStreamProps = UseStreamingChatOptions &
  ChatStreamOwnProps &
  Omit<HTMLAttributes<HTMLDivElement>, keyof UseStreamingChatOptions | 'children'>;

/** Tool call states that end a call; in any other, the turn is not over yet. */
const SETTLED_TOOL_STATES: readonly ToolCallState['status'][] = ['done', 'error', 'denied'];

function textOf(message: ChatMessage | undefined): string {
  return message?.content.map((block) => (block.type === 'text' ? block.text : '')).join('') ?? '';
}

/**
 * The drop-in chat: a transcript that streams Claude's answers (text, thinking, tool calls with
 * approval and human-in-the-loop results, web search), a composer, error recovery, optional stream
 * stats and screen-reader announcements. Give it an endpoint (`api`) or a session (`chat`) and any
 * chat option; replace parts with `components` and block renderers with `renderers`.
 *
 * @example
 * import '@chatstream/ui/styles.css';
 * <ChatStream api="/api/chat" maxTokens={1024} suggestions={['Explain SSE in one paragraph']} showStats />
 */
export const ChatStream: ForwardRefExoticComponent<ChatStreamProps & RefAttributes<HTMLDivElement>> =
  forwardRef<HTMLDivElement, ChatStreamProps>(function ChatStream(props, ref) {
    const [options, own] = splitChatOptions(props);
    const { components, renderers, renderText, suggestions, showStats, placeholder, ...rest } = own;
    const {
      messages,
      status,
      error,
      stats,
      retrying,
      send,
      stop,
      retry,
      regenerate,
      approveToolCall,
      addToolResult,
      chat,
    } = useStreamingChat(options);
    const parts = useMemo(() => ({ ...defaultChatStreamComponents, ...components }), [components]);

    // The session throws when a call no longer waits (a double click): nothing to do then.
    const onApprove = useCallback(
      (id: string, approved: boolean) => {
        try {
          approveToolCall(id, approved);
        } catch {}
      },
      [approveToolCall],
    );
    const onToolResult = useCallback(
      (id: string, result: unknown, resultOptions?: { isError?: boolean }) => {
        try {
          addToolResult(id, result, resultOptions);
        } catch {}
      },
      [addToolResult],
    );

    const busy = status === 'submitted' || status === 'streaming';
    const last = messages.at(-1);
    const answer = messages.findLast((message) => message.role === 'assistant');
    const waiting =
      status === 'submitted' ||
      (last?.role === 'assistant' && last.status === 'streaming' && !last.content.length);
    const failed = status === 'error' && error !== undefined;
    // The last answer, once nothing is pending: no stream, no tool call waiting for approval or a result.
    const settledAnswer =
      status === 'ready' &&
      last?.role === 'assistant' &&
      Object.values(last.toolCalls ?? {}).every((call) => SETTLED_TOOL_STATES.includes(call.status))
        ? last
        : undefined;
    // A stopped or cut answer of text is carried on where it stopped (`retry()`); others start over.
    const continuable = !!settledAnswer?.content.length && settledAnswer.content.every(isText);
    const {
      MessageList,
      EmptyState,
      TypingIndicator,
      ErrorNotice,
      StopNotice,
      StreamStats,
      Composer,
      Announcer,
      RegenerateButton,
    } = parts;

    return (
      <ChatSessionProvider chat={chat}>
        <div ref={ref} data-slot="chat-stream" data-state={status} {...rest}>
          <MessageList busy={busy} live="off">
            {messages.length === 0 ? <EmptyState suggestions={suggestions} onSelect={send} /> : null}
            <MessageRows
              parts={parts}
              renderers={renderers}
              renderText={renderText}
              onApprove={onApprove}
              onToolResult={onToolResult}
            />
            {settledAnswer ? (
              <StopNotice
                stopReason={settledAnswer.stopReason}
                stopDetails={settledAnswer.message?.stop_details}
                onContinue={continuable ? retry : undefined}
              />
            ) : null}
            {settledAnswer ? (
              // Outside the rows, so showing or hiding it never re-renders a settled row.
              <div data-slot="message-actions">
                {settledAnswer.status === 'aborted' && continuable ? (
                  <RegenerateButton onClick={() => void retry()}>Continue</RegenerateButton>
                ) : null}
                <RegenerateButton onClick={() => void regenerate(settledAnswer.id)} />
              </div>
            ) : null}
            {waiting ? <TypingIndicator retrying={retrying} /> : null}
            {failed ? (
              <ErrorNotice
                error={error}
                partial={last?.role === 'assistant' && last.content.length > 0}
                onRetry={retry}
              />
            ) : null}
          </MessageList>
          <div data-slot="chat-stream-footer">
            {showStats ? <StreamStats stats={stats} streaming={busy} /> : null}
            <Composer
              busy={busy}
              onSend={send}
              onStop={stop}
              stopButton={parts.StopButton}
              placeholder={placeholder}
            />
          </div>
          <Announcer
            text={textOf(answer)}
            streaming={answer?.status === 'streaming'}
            messageId={answer?.id}
            error={failed ? describeError(error).title : undefined}
          />
        </div>
      </ChatSessionProvider>
    );
  });

const isText = (block: { type: string }): boolean => block.type === 'text';
