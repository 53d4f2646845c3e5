import {
  forwardRef,
  type HTMLAttributes,
  type ForwardRefExoticComponent,
  type RefAttributes,
  useState,
} from 'react';
import type { RetryInfo } from '@chatstream/reader';
import { describeError } from './describe-error.ts';
import { english, type Translate, useLabels } from './labels.tsx';
import { useBrowserLayoutEffect } from './use-layout-effect.ts';
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
  /** The words for a retry (default {@link describeRetry}); `secondsLeft` for a wait of 2 s or more. */
  describeRetry?: ((retrying: RetryInfo, t: Translate, secondsLeft?: number) => string) | undefined;
}

/**
 * The default words for a retry: "Claude is overloaded right now. Trying again (attempt 2)…", or
 * with the wait left ("Trying again in 27 s (attempt 2)…"), in the words of `t` (default English).
 *
 * @example
 * describeRetry(retrying, useLabels());
 */
export function describeRetry(retrying: RetryInfo, t: Translate = english, secondsLeft?: number): string {
  const why = describeError(retrying.error, t).title;
  return secondsLeft === undefined
    ? t('{0}. Trying again (attempt {1})…', why, retrying.attempt + 1)
    : t('{0}. Trying again in {1} s (attempt {2})…', why, secondsLeft, retrying.attempt + 1);
}

/** Whole seconds of a wait of 2 s or more (a `retry-after`), else undefined: a shorter one is not worth a number. */
const secondsOf = (retrying: RetryInfo | undefined): number | undefined =>
  retrying && retrying.delayMs >= 2000 ? Math.ceil(retrying.delayMs / 1000) : undefined;

/** The seconds left of the retry's wait, counting down each second from when it was set. */
function useSecondsLeft(retrying: RetryInfo | undefined): number | undefined {
  const [left, setLeft] = useState<number>();
  useBrowserLayoutEffect(() => {
    const wait = secondsOf(retrying);
    setLeft(wait);
    if (wait === undefined) return undefined;
    const end = Date.now() + retrying!.delayMs;
    const timer = setInterval(() => {
      const seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [retrying]);
  return left;
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
  const wait = secondsOf(retrying);
  const left = useSecondsLeft(retrying) ?? wait;
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
      {retrying && wait !== undefined ? (
        <>
          {/* Counted down for the eye; said once, as the wait began, for a screen reader. */}
          <span data-slot="typing-retry" aria-hidden>
            {describe(retrying, t, left)}
          </span>
          <span data-visually-hidden="" style={visuallyHidden}>
            {describe(retrying, t, wait)}
          </span>
        </>
      ) : retrying ? (
        <span data-slot="typing-retry">{describe(retrying, t)}</span>
      ) : (
        <span data-visually-hidden="" style={visuallyHidden}>
          {label ?? t('Claude is thinking…')}
        </span>
      )}
    </div>
  );
});
