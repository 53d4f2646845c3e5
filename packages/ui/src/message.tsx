import {
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import type { ChatMessageStatus } from '@chatstream/reader';
import { type LabelKey, useLabels } from './labels.tsx';

/** Who a message is from: `tool` is a user turn that only carries tool results. */
export type MessageRole = 'user' | 'assistant' | 'tool';

/** Props of {@link Message}. */
export interface MessageProps extends Omit<HTMLAttributes<HTMLElement>, 'role'> {
  /** Who wrote it; rendered as `data-role` (this is not the ARIA role). */
  role: MessageRole;
  /** Where the message is (`streaming`, `complete`, `aborted`, `error`, `incomplete`); rendered as `data-state`. */
  status?: ChatMessageStatus | undefined;
  /**
   * Why the model stopped; rendered as `data-stop-reason`. An answer cut short (`max_tokens`,
   * `model_context_window_exceeded`) is marked "Cut off" after its content, as a stopped one is
   * marked "Stopped", so it does not look finished once the conversation has moved on.
   */
  stopReason?: string | null | undefined;
  /** Accessible name of the message (default "You" / "Claude" / "Tool result"). */
  label?: string | undefined;
  /** The content and actions. */
  children?: ReactNode | undefined;
}

const LABELS: Record<MessageRole, LabelKey> = { user: 'You', assistant: 'Claude', tool: 'Tool result' };
const CUT_OFF = new Set(['max_tokens', 'model_context_window_exceeded']);

/**
 * One turn of the conversation: an `<article>` with `data-role` and `data-state`, styled as a bubble
 * for the user and as flowing text for the assistant.
 *
 * @example
 * <Message role={message.role} status={message.status}><MessageContent message={message} /></Message>
 */
export const Message: ForwardRefExoticComponent<MessageProps & RefAttributes<HTMLElement>> =
  /* @__PURE__ */ forwardRef<HTMLElement, MessageProps>(function Message(
    { role, status, stopReason, label, children, ...rest },
    ref,
  ) {
    const t = useLabels();
    // Not while it streams: an answer carried on after the cut still has the old stop reason.
    const cutOff =
      status !== 'aborted' &&
      status !== 'streaming' &&
      typeof stopReason === 'string' &&
      CUT_OFF.has(stopReason);
    const mark = status === 'aborted' ? t('Stopped') : cutOff ? t('Cut off') : undefined;
    return (
      <article
        ref={ref}
        data-slot="message"
        data-role={role}
        data-state={status ?? 'complete'}
        data-stop-reason={stopReason ?? undefined}
        aria-label={label ?? t(LABELS[role])}
        {...rest}
        // The "Stopped" and "Cut off" marks are drawn by CSS: in the app's words when its labels have them.
        style={
          mark !== undefined && mark !== (cutOff ? 'Cut off' : 'Stopped')
            ? { [cutOff ? '--cs-cut-off-label' : '--cs-stopped-label']: JSON.stringify(mark), ...rest.style }
            : rest.style
        }
      >
        {children}
      </article>
    );
  });
