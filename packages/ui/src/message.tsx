import {
  type CSSProperties,
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
  /** Accessible name of the message (default "You" / "Claude" / "Tool result"). */
  label?: string | undefined;
  /** The content and actions. */
  children?: ReactNode;
}

const LABELS: Record<MessageRole, LabelKey> = { user: 'You', assistant: 'Claude', tool: 'Tool result' };

/**
 * One turn of the conversation: an `<article>` with `data-role` and `data-state`, styled as a bubble
 * for the user and as flowing text for the assistant.
 *
 * @example
 * <Message role={message.role} status={message.status}><MessageContent message={message} /></Message>
 */
export const Message: ForwardRefExoticComponent<MessageProps & RefAttributes<HTMLElement>> = forwardRef<
  HTMLElement,
  MessageProps
>(function Message({ role, status, label, children, ...rest }, ref) {
  const t = useLabels();
  const stopped = t('Stopped');
  return (
    <article
      ref={ref}
      data-slot="message"
      data-role={role}
      data-state={status ?? 'complete'}
      aria-label={label ?? t(LABELS[role])}
      {...rest}
      // The "Stopped" mark is drawn by CSS: in the app's words when its labels have them.
      style={
        status === 'aborted' && stopped !== 'Stopped'
          ? ({ '--cs-stopped-label': JSON.stringify(stopped), ...rest.style } as CSSProperties)
          : rest.style
      }
    >
      {children}
    </article>
  );
});
