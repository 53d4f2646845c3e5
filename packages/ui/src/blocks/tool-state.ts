import type { BlockProgress, ChatMessage, ToolCallState } from '@chatstream/reader';
import type { LabelKey } from '../labels.tsx';
import { isStillStreaming } from './block-streaming.ts';

/** What a tool call is doing, as shown by `ToolUseBlock` (its `data-state`). */
export type ToolUseState =
  | 'input-streaming'
  | 'input-incomplete'
  | 'awaiting-approval'
  | 'awaiting-result'
  | 'running'
  | 'done'
  | 'error'
  | 'denied'
  | 'stopped'
  | 'called';

/**
 * Short labels for each {@link ToolUseState}, in English: the keys of the app's labels.
 *
 * @example
 * const t = useLabels();
 * <span>{t(toolStateLabels[state])}</span>
 */
export const toolStateLabels: Readonly<Record<ToolUseState, LabelKey>> = {
  'input-streaming': 'Preparing input…',
  'input-incomplete': 'Input cut off',
  'awaiting-approval': 'Awaiting approval',
  'awaiting-result': 'Waiting for result',
  running: 'Running…',
  done: 'Done',
  error: 'Failed',
  denied: 'Denied',
  stopped: 'Stopped',
  called: 'Called',
};

/**
 * The state of a tool call from its block progress and client tool state: input still streaming,
 * input cut by `max_tokens`, then the session's status; a call with no session state (a plain
 * stream) is `called` once its input is complete.
 */
export function toolUseState(
  progress: BlockProgress | undefined,
  toolCall: ToolCallState | undefined,
  message?: ChatMessage,
): ToolUseState {
  if (isStillStreaming(progress, message)) return 'input-streaming';
  // Still open when its message failed or stopped, or settled by `max_tokens` with partial input.
  // Such a call never ran: a session marks it `error` without a result, and "Failed" would say
  // it ran and failed. Only a call that carries an error of its own shows it.
  const cutOff = progress?.streaming === true || progress?.inputComplete === false;
  if (cutOff && (toolCall?.status !== 'error' || toolCall.result === undefined)) {
    return message?.status === 'streaming' ? 'input-streaming' : 'input-incomplete';
  }
  return toolCall?.status ?? 'called';
}
