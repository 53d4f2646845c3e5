import { forwardRef, type ForwardRefExoticComponent, type HTMLAttributes, type RefAttributes } from 'react';
import type { StopReason } from '@chatstream/reader';
import { Icon } from './icons.tsx';
import { type LabelKey, useLabels } from './labels.tsx';
import { ownEntry } from './own-entry.ts';

/** Props of {@link StopNotice}. */
export interface StopNoticeProps extends HTMLAttributes<HTMLDivElement> {
  /** Why the model stopped; only `max_tokens`, `refusal` and `model_context_window_exceeded` are worth a notice. */
  stopReason: StopReason | null | undefined;
  /** After `max_tokens`: continue the cut answer (e.g. the session's `retry()`). */
  onContinue?: (() => unknown) | undefined;
  /** The message's `stop_details`: a refusal's `explanation`, when the API gives one, is shown too. */
  stopDetails?: unknown;
}

/** Title and detail of each notice, by stop reason. */
const NOTICES: Partial<Record<string, readonly [title: LabelKey, detail: LabelKey]>> = {
  max_tokens: ['The answer was cut off', 'It reached the length limit of one reply.'],
  refusal: ['Claude declined to continue', 'The text above is what Claude said before it refused.'],
  model_context_window_exceeded: [
    'The conversation is too long',
    "It reached the model's context window. Start a new conversation or remove earlier messages.",
  ],
};

/**
 * Says why an answer ended early when the reason is one a reader must not miss (`max_tokens`, with a
 * Continue action, `refusal`, and `model_context_window_exceeded`, where continuing cannot help);
 * renders nothing for a normal finish. Never hidden in a status.
 *
 * @example
 * <StopNotice stopReason={last.stopReason} onContinue={() => void retry()} />
 */
export const StopNotice: ForwardRefExoticComponent<StopNoticeProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, StopNoticeProps>(function StopNotice(
    { stopReason, onContinue, stopDetails, ...rest },
    ref,
  ) {
    const t = useLabels();
    const notice = ownEntry(NOTICES, stopReason ?? '');
    if (!notice) return null;
    const explanation = (stopDetails as { explanation?: unknown } | null | undefined)?.explanation;
    return (
      <div ref={ref} role="status" data-slot="stop-notice" data-state={stopReason} {...rest}>
        <Icon name="alert" />
        <div data-slot="error-notice-text">
          <p data-slot="error-notice-title">{t(notice[0])}</p>
          <p data-slot="error-notice-detail">{t(notice[1])}</p>
          {typeof explanation === 'string' && explanation ? (
            <p data-slot="stop-notice-explanation">{explanation}</p>
          ) : null}
        </div>
        {stopReason === 'max_tokens' && onContinue ? (
          <div data-slot="error-notice-actions">
            <button type="button" onClick={() => void onContinue()}>
              {t('Continue')}
            </button>
          </div>
        ) : null}
      </div>
    );
  });
