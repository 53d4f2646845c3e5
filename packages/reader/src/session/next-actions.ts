import type { ChatSessionSnapshot } from './chat-session-options.ts';
import { retryCanHelp } from './retry-can-help.ts';

/**
 * What a conversation offers a person now: the buttons to show under it. One of `retry`, `continue`
 * and `regenerate` calls for `retry()` or `regenerate()`; while tool calls wait (`awaiting`) the turn
 * is not over and only their own buttons (approve, deny, a result) make sense.
 */
export interface NextActions {
  /** A request is under way (`submitted` or `streaming`): Stop. */
  readonly stop: boolean;
  /** Under way with nothing of the answer yet (its first token, or a retry, awaited): a typing indicator. */
  readonly waiting: boolean;
  /**
   * The ids of the last answer's tool calls that wait for the person (`awaiting-approval`) or the
   * app (`awaiting-result`), in the answer's order.
   */
  readonly awaiting: readonly string[];
  /**
   * Retry (`retry()` asks again): the last question stands unanswered (stopped before its first
   * token, or a page reloaded while it waited), or the request failed in a way asking again can
   * mend (not a request refused for what it holds, see {@link retryCanHelp}).
   */
  readonly retry: boolean;
  /**
   * Continue (`retry()` carries the last answer on in the same message): an answer of text stopped
   * or cut off by `max_tokens`, tool calls the person stopped while they ran, or the step limit
   * (`maxSteps`) reached.
   */
  readonly continue: boolean;
  /** Regenerate (`regenerate()`): the last answer answers a question, and nothing waits. */
  readonly regenerate: boolean;
}

/**
 * The actions a conversation offers in `snapshot` (see {@link NextActions}), as `<ChatStream>` shows
 * them: a headless UI that offers Regenerate whenever `status` is `ready` would offer it beside a
 * tool call waiting for approval, and no Retry for a question stopped before its first token.
 *
 * @example
 * const actions = nextActions(chat.getSnapshot());
 * retryButton.hidden = !(actions.retry || actions.continue);
 * retryButton.textContent = actions.continue ? 'Continue' : 'Retry';
 */
export function nextActions(
  snapshot: Pick<ChatSessionSnapshot, 'messages' | 'status' | 'error'>,
): NextActions {
  const { messages, status, error } = snapshot;
  const last = messages.at(-1);
  const calls = last?.role === 'assistant' ? (last.toolCalls ?? {}) : {};
  const awaiting = (last?.content ?? []).flatMap((block) => {
    const id = block['id'];
    return typeof id === 'string' && calls[id]?.status.startsWith('awaiting') ? [id] : [];
  });
  const stop = status === 'submitted' || status === 'streaming';
  // The last answer, once nothing is pending: no stream, no tool call waiting.
  const settled =
    status === 'ready' && last?.role === 'assistant' && awaiting.length === 0 ? last : undefined;
  const ofText = !!settled?.content.length && settled.content.every((block) => block.type === 'text');
  const cut = settled?.status === 'aborted' || settled?.stopReason === 'max_tokens';
  const maxSteps = error?.kind === 'session' && error.code === 'max-steps';
  return {
    stop,
    waiting: status === 'submitted' || (last?.status === 'streaming' && last.content.length === 0),
    awaiting,
    retry:
      (status === 'ready' && last?.role === 'user') ||
      (status === 'error' && !maxSteps && error !== undefined && retryCanHelp(error)),
    continue:
      (cut && ofText) ||
      (!!settled && Object.values(calls).some((call) => call.status === 'stopped')) ||
      (status === 'error' && maxSteps),
    regenerate: !!settled && messages.at(-2)?.role === 'user',
  };
}
