import { forwardRef, type HTMLAttributes, type ForwardRefExoticComponent, type RefAttributes } from 'react';
import { describeError } from './describe-error.ts';
import { Icon } from './icons.tsx';
import { useLabels } from './labels.tsx';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps extends HTMLAttributes<HTMLDivElement> {
  /** The failure: a chatstream error (its kind, status and Anthropic error type are put in words) or any error. */
  error: unknown;
  /** Shows a "Retry" button. With `ChatSession.retry`, a partial text answer is continued, anything else asked again. */
  onRetry?: (() => unknown) | undefined;
  /** Shows a "Continue" button (e.g. after `max_tokens`, to ask for the rest). */
  onContinue?: (() => unknown) | undefined;
  /** Whether part of the answer arrived before the failure: says it was kept. */
  partial?: boolean | undefined;
}

/**
 * Says what failed in words, next to the partial answer (which stays visible above it), and offers
 * Retry / Continue. `data-kind` is the error's kind (`http`, `stream-event`, `connection`, …).
 *
 * @example
 * {status === 'error' ? <ErrorNotice error={error} partial onRetry={() => void retry()} /> : null}
 */
export const ErrorNotice: ForwardRefExoticComponent<ErrorNoticeProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, ErrorNoticeProps>(function ErrorNotice(
    { error, onRetry, onContinue, partial = false, ...rest },
    ref,
  ) {
    const t = useLabels();
    const { title, detail } = describeError(error, t);
    const kind = (error as { kind?: unknown } | null)?.kind;
    return (
      <div
        ref={ref}
        data-slot="error-notice"
        data-kind={typeof kind === 'string' ? kind : 'unknown'}
        {...rest}
      >
        <Icon name="alert" />
        <div data-slot="error-notice-text">
          <p data-slot="error-notice-title">{title}</p>
          {/* The detail is often the server's English: in a right-to-left page it keeps its own
              direction, its full stop at its end. */}
          <p data-slot="error-notice-detail" dir="auto">
            {detail}
            {/* A new sentence, after a detail that may end without a stop ("Failed to fetch"). */}
            {partial
              ? `${/[.!?…]$/.test(detail) ? '' : '.'} ${t('The partial answer above was kept.')}`
              : null}
          </p>
        </div>
        {onRetry || onContinue ? (
          <div data-slot="error-notice-actions">
            {onContinue ? (
              <button type="button" onClick={() => void onContinue()}>
                {t('Continue')}
              </button>
            ) : null}
            {onRetry ? (
              <button type="button" onClick={() => void onRetry()}>
                {t('Retry')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    );
  });
