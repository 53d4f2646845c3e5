import { forwardRef, type HTMLAttributes, type ForwardRefExoticComponent, type RefAttributes } from 'react';
import { cx } from './cx.ts';
import { visuallyHidden } from './visually-hidden.ts';

/** Props of {@link TypingIndicator}. */
export interface TypingIndicatorProps extends HTMLAttributes<HTMLDivElement> {
  /** What screen readers hear (default "Claude is thinking…"). */
  label?: string | undefined;
}

/**
 * Shown after a message was sent and before anything streamed back: three pulsing dots (still under
 * reduced motion) in a polite `role="status"`.
 *
 * @example
 * {status === 'submitted' ? <TypingIndicator /> : null}
 */
export const TypingIndicator: ForwardRefExoticComponent<
  TypingIndicatorProps & RefAttributes<HTMLDivElement>
> = forwardRef<HTMLDivElement, TypingIndicatorProps>(function TypingIndicator(
  { label = 'Claude is thinking…', className, ...rest },
  ref,
) {
  return (
    <div ref={ref} role="status" data-slot="typing-indicator" className={cx(className)} {...rest}>
      <span data-slot="typing-dot" aria-hidden="true" />
      <span data-slot="typing-dot" aria-hidden="true" />
      <span data-slot="typing-dot" aria-hidden="true" />
      <span style={visuallyHidden}>{label}</span>
    </div>
  );
});
