import {
  forwardRef,
  type HTMLAttributes,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import {
  ChatSessionProvider,
  splitChatOptions,
  type UseStreamingChatOptions,
  useStreamingChat,
} from '@chatstream/react';
import {
  type ChatInput,
  nextActions,
  type ChatMessage,
  isBlock,
  isChatStreamError,
  retryCanHelp,
} from '@chatstream/reader';
import type { BlockRendererProps, BlockRenderers } from './block-props.ts';
import { type ChatStreamComponents, defaultChatStreamComponents } from './chat-stream-components.ts';
import { definedOver } from './defined-over.ts';
import { answerToLastQuestion } from './answer-to-last-question.ts';
import { replyStart } from './answer-turn.ts';
import { isSearchTool } from './blocks/server-tool-use-block.tsx';
import { CHANGE_THE_CONVERSATION, describeError } from './describe-error.ts';
import { type Labels, LabelsContext, useTranslate } from './labels.tsx';
import { MessageRows } from './message-rows.tsx';

/** What `ChatStream` adds to the chat options. */
export interface ChatStreamOwnProps {
  /** Replaces parts (`MessageList`, `Message`, `Composer`, `ErrorNotice`, …); the rest stay the defaults. */
  components?: { [Part in keyof ChatStreamComponents]?: ChatStreamComponents[Part] | undefined } | undefined;
  /** Block renderers by block type, merged over the defaults. */
  renderers?: BlockRenderers | undefined;
  /** Markdown for text blocks, e.g. `markdownRenderText` from `@chatstream/ui/markdown`. */
  renderText?: BlockRendererProps['renderText'] | undefined;
  /** Prompts the empty conversation offers. */
  suggestions?: readonly string[] | undefined;
  /** Shows time to first token, tokens/s, tokens and progress toward `max_tokens`. */
  showStats?: boolean | undefined;
  /** Placeholder of the message box. */
  placeholder?: string | undefined;
  /**
   * The texts in the app's language, by English text (`{ Send: 'Envoyer', … }`); for this chat and
   * every part in it. Keys left out come from a `LabelsProvider` around it, or stay English. Keep the
   * object stable (module scope or memoised): a new one renders every part again.
   */
  labels?: Labels | undefined;
}

/** Props of {@link ChatStream}: chat options (`api`, `chat`, `fetch`, `tools`, …), its own props, and the root `<div>`'s. */
export type ChatStreamProps = UseStreamingChatOptions &
  ChatStreamOwnProps &
  Omit<HTMLAttributes<HTMLDivElement>, keyof UseStreamingChatOptions | 'children'>;

/** `action`, ignoring the session's throw when a call no longer waits (a double click): nothing to do then. */
const quietly =
  <Args extends unknown[]>(action: (...args: Args) => unknown) =>
  (...args: Args): void => {
    try {
      action(...args);
    } catch (error) {
      if (!isChatStreamError(error) || error.kind !== 'session' || error.code !== 'unknown-tool-call')
        throw error;
    }
  };

/**
 * What the announcer reads of an answer: its text, a line ended where another kind of block follows
 * a text block (the sentence before a web search is said then, not when the answer ends). Text
 * blocks next to each other run on: citations cut one sentence into several.
 */
function textOf(message: ChatMessage | undefined): string {
  const content = message?.content ?? [];
  return content
    .map((block, index) =>
      !isBlock(block, 'text')
        ? ''
        : content[index + 1] && !isBlock(content[index + 1]!, 'text')
          ? `${block.text}\n`
          : block.text,
    )
    .join('');
}

/** A number per session, for a `key`. */
const sessionKeys = new WeakMap<object, number>();
let sessionsSeen = 0;
function keyOf(session: object): number {
  let key = sessionKeys.get(session);
  if (key === undefined) sessionKeys.set(session, (key = ++sessionsSeen));
  return key;
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
  /* @__PURE__ */ forwardRef<HTMLDivElement, ChatStreamProps>(function ChatStream(props, ref) {
    const [options, own] = splitChatOptions(props);
    const { components, renderers, renderText, suggestions, showStats, placeholder, labels, ...rest } = own;
    const t = useTranslate(labels);
    const session = useStreamingChat(options);
    const { messages, status, error, approveToolCall, addToolResult, restoring } = session;
    const parts = useMemo(() => definedOver(defaultChatStreamComponents, components), [components]);
    const footer = useRef<HTMLDivElement>(null);
    // Counts the person's sends: each brings the transcript back to its end (MessageList `followKey`).
    const [sent, setSent] = useState(0);
    // Suggestions, Regenerate, Continue and Retry go away as their request starts: the focus goes to
    // the message box (where Esc stops) instead of <body>. Not on a touch screen, where it would
    // open the keyboard over the answer.
    const refocus = (action: () => unknown) => (): unknown => {
      if (!globalThis.matchMedia?.('(pointer: coarse)').matches) {
        footer.current?.querySelector('textarea')?.focus();
      }
      return action();
    };
    const again = refocus(session.retry);
    // Asked while the saved conversation is still being read (a storage that answers later): sent
    // once it is, in it, rather than starting another that the saved one would be lost to.
    const [held, setHeld] = useState<readonly ChatInput[]>([]);
    const say = (input: ChatInput): unknown => {
      setSent((count) => count + 1);
      if (restoring) {
        setHeld((inputs) => [...inputs, input]);
        return undefined;
      }
      return refocus(() => session.send(input))();
    };
    const { send } = session;
    useEffect(() => {
      if (restoring || held.length === 0) return;
      setHeld([]);
      // One after another, each once the answer before it ended; a failure shows as the chat's error.
      void held.reduce<Promise<unknown>>(
        (before, input) => before.then(() => send(input)).catch(() => undefined),
        Promise.resolve(),
      );
    }, [restoring, held, send]);

    const [onApprove, onToolResult] = useMemo(
      () =>
        [approveToolCall, addToolResult].map(quietly) as [
          BlockRendererProps['onApprove'],
          BlockRendererProps['onToolResult'],
        ],
      [approveToolCall, addToolResult],
    );

    const actions = nextActions(session);
    const busy = actions.stop;
    const last = messages.at(-1);
    // A tool call waiting for the person (approval) or the app (a result): screen readers hear what
    // it waits for. The transcript stays busy only while other calls of the turn still run.
    const [waitingId] = actions.awaiting;
    const asking =
      waitingId === undefined ? undefined : last?.content.find((block) => block['id'] === waitingId);
    const asks = asking && last?.toolCalls?.[asking['id'] as string]?.status;
    const answer = answerToLastQuestion(messages);
    const failed = status === 'error' && error !== undefined;
    // The last answer, once nothing is pending: no stream, no tool call waiting for approval or a result.
    const settledAnswer =
      status === 'ready' && last?.role === 'assistant' && !actions.awaiting.length ? last : undefined;
    // A search (or another server tool) under way at the end of the streaming answer: said, as the
    // card shows it, since the answer may be quiet for seconds.
    const serverTool = answer?.status === 'streaming' ? answer.content.at(-1) : undefined;
    const working =
      serverTool?.type === 'server_tool_use' || serverTool?.type === 'mcp_tool_use'
        ? isSearchTool(serverTool['name'])
          ? 'Searching…'
          : 'Running…'
        : undefined;

    return (
      <ChatSessionProvider chat={session.chat}>
        <LabelsContext.Provider value={t}>
          <div
            ref={ref}
            data-slot="chat-stream"
            data-state={status}
            {...rest}
            // Esc stops from anywhere in the chat, not only the composer: after Approve the focus is
            // on the tool call while the answer goes on. A part that uses Esc (an edit) prevents it.
            onKeyDown={(event) => {
              rest.onKeyDown?.(event);
              if (
                event.key === 'Escape' &&
                busy &&
                !event.defaultPrevented &&
                !event.nativeEvent.isComposing &&
                // Safari ends an input method's composition before its key's keydown.
                event.keyCode !== 229
              ) {
                event.preventDefault();
                void session.stop();
              }
            }}
          >
            <parts.MessageList busy={busy} live="off" followKey={sent}>
              {/* No welcome before a saved conversation is read: it would flash in front of it. */}
              {held.length > 0 ? (
                <p data-slot="held-notice" role="status">
                  {t('Sent once the conversation has loaded')}
                </p>
              ) : null}
              {messages.length === 0 && !restoring ? (
                <parts.EmptyState suggestions={suggestions} onSelect={say} />
              ) : null}
              <MessageRows
                parts={parts}
                renderers={renderers}
                renderText={renderText}
                onApprove={onApprove}
                onToolResult={onToolResult}
              />
              {settledAnswer ? (
                // Outside the rows, so showing or hiding it never re-renders a settled row.
                <div data-slot="message-actions" data-answer-actions="">
                  {/* After max_tokens the stop notice below offers it. */}
                  {actions.continue && settledAnswer.stopReason !== 'max_tokens' ? (
                    <parts.RegenerateButton onClick={again}>{t('Continue')}</parts.RegenerateButton>
                  ) : null}
                  {/* Only an answer to a question can be asked again (not a person's message put in after one). */}
                  {actions.regenerate ? (
                    // The whole reply again: a tool loop's answers from the first, tools included.
                    <parts.RegenerateButton
                      onClick={refocus(() =>
                        session.regenerate(replyStart(messages, settledAnswer.id) ?? settledAnswer.id),
                      )}
                    />
                  ) : null}
                </div>
              ) : actions.retry && status === 'ready' ? (
                // Stopped before the first token, or a page reloaded while it waited: the question
                // stands unanswered, and asking it again must not take retyping it.
                <div data-slot="message-actions">
                  <parts.RegenerateButton onClick={again}>{t('Retry')}</parts.RegenerateButton>
                </div>
              ) : null}
              {/* After the answer's actions, so that its Copy and Regenerate share a row. */}
              {settledAnswer ? (
                <parts.StopNotice
                  stopReason={settledAnswer.stopReason}
                  stopDetails={settledAnswer.message?.stop_details}
                  onContinue={actions.continue ? again : undefined}
                />
              ) : null}
              {actions.waiting ? <parts.TypingIndicator retrying={session.retrying} /> : null}
              {failed ? (
                <parts.ErrorNotice
                  error={error}
                  partial={last?.role === 'assistant' && last.content.length > 0}
                  // At the step limit nothing failed: Claude goes on from where it stopped. A
                  // request refused for what it holds would only be refused again.
                  {...(actions.continue ? { onContinue: again } : actions.retry ? { onRetry: again } : {})}
                />
              ) : null}
            </parts.MessageList>
            <div ref={footer} data-slot="chat-stream-footer">
              {showStats ? (
                // Streaming while the answer does: the figures of a finished turn (its tools run,
                // the next request waits) are not a stream gone quiet.
                <parts.StreamStats
                  stats={session.stats}
                  streaming={last?.role === 'assistant' && last.status === 'streaming'}
                />
              ) : null}
              <parts.Composer
                busy={busy}
                onSend={say}
                onStop={session.stop}
                stopButton={parts.StopButton}
                // A message sent now answers the waiting call for the person (declined): said
                // where they type, not found out from the card afterwards.
                placeholder={
                  asking ? t('Sending a message skips {0}', asking['name'] as string) : placeholder
                }
              />
            </div>
            <parts.Announcer
              // Another conversation is another announcer: its answers are not news.
              key={keyOf(session.chat)}
              text={textOf(answer)}
              streaming={answer?.status === 'streaming'}
              busy={busy}
              messageId={answer?.id}
              // What to do too, when Retry is not offered: a screen reader hears no missing button.
              error={
                failed
                  ? `${describeError(error, t).title}${retryCanHelp(error) ? '' : `. ${t(CHANGE_THE_CONVERSATION)}`}`
                  : undefined
              }
              notice={
                asks
                  ? t(
                      asks === 'awaiting-approval'
                        ? '{0} needs your approval'
                        : '{0} is waiting for a result',
                      asking['name'] as string,
                    )
                  : answer?.status === 'aborted' ||
                      Object.values(last?.toolCalls ?? {}).some((call) => call.status === 'stopped')
                    ? t('Stopped')
                    : working && t(working)
              }
            />
          </div>
        </LabelsContext.Provider>
      </ChatSessionProvider>
    );
  });
