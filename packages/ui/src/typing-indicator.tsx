import { forwardRef, type HTMLAttributes, type ForwardRefExoticComponent, type RefAttributes } from 'react';
import type { RetryInfo } from '@chatstream/reader';
import { describeError } from './describe-error.ts';
import { english, type Translate, useLabels } from './labels.tsx';
import { visuallyHidden } from './visually-hidden.ts';

/** Props of {@link TypingIndicator}. */
export interface TypingIndicatorProps extends HTMLAttributes<HTMLDivElement> {
  /** What screen readers hear (default "Claude is thinking…", or its label). */
  label?: string | undefined;
  /**
   * The session's `retrying`: while set, the indicator says, visibly and to screen readers, why
   * the request failed and that it is tried again, instead of looking as if nothing happened.
   */
  retrying?: RetryInfo | undefined;
  /** The words for a retry (default {@link describeRetry}). */
  describeRetry?: ((retrying: RetryInfo, t: Translate) => string) | undefined;
}

/**
 * The default words for a retry: "Claude is overloaded right now. Trying again (attempt 2)…", in the
 * words of `t` (default English).
 *
 * @example
 * describeRetry(retrying, useLabels());
 */
export function describeRetry(retrying: RetryInfo, t: Translate = english): string {
  return t('{0}. Trying again (attempt {1})…', describeError(retrying.error, t).title, retrying.attempt + 1);
}

// One element for the three dots: they differ only by their place, which the CSS staggers.
const DOT = <span data-slot="typing-dot" aria-hidden />;

/**
 * Shown after a message was sent and before anything streamed back: three pulsing dots (still under
 * reduced motion) in a polite `role="status"`, and while the session retries, why and that it does.
 *
 * @example
 * {status === 'submitted' ? <TypingIndicator retrying={retrying} /> : null}
 */
export const TypingIndicator: ForwardRefExoticComponent<
  TypingIndicatorProps & RefAttributes<HTMLDivElement>
> = /* @__PURE__ */ forwardRef<HTMLDivElement, TypingIndicatorProps>(function TypingIndicator(
  { label, retrying, describeRetry: describe = describeRetry, ...rest },
  ref,
) {
  const t = useLabels();
  return (
    <div
      ref={ref}
      role="status"
      data-slot="typing-indicator"
      data-state={retrying ? 'retrying' : 'waiting'}
      {...rest}
    >
      {DOT}
      {DOT}
      {DOT}
      {retrying ? (
        <span data-slot="typing-retry">{describe(retrying, t)}</span>
      ) : (
        <span data-visually-hidden="" style={visuallyHidden}>
          {label ?? t('Claude is thinking…')}
        </span>
      )}
    </div>
  );
});
