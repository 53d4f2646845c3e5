import {
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { useLabels } from './labels.tsx';

/** Props of {@link EmptyState}. */
export interface EmptyStateProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title' | 'onSelect'> {
  /** The greeting (default "How can I help you today?"). */
  title?: ReactNode | undefined;
  /** A line under the greeting. */
  description?: ReactNode | undefined;
  /** Prompts to start from; clicking one calls `onSelect` with it. */
  suggestions?: readonly string[] | undefined;
  /** Called with the suggestion the user picked. */
  onSelect?: ((suggestion: string) => unknown) | undefined;
}

/**
 * What an empty conversation shows: a greeting and clickable suggestions.
 *
 * @example
 * <EmptyState suggestions={['Summarise this page', 'Write a haiku']} onSelect={(text) => void send(text)} />
 */
export const EmptyState: ForwardRefExoticComponent<EmptyStateProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, EmptyStateProps>(function EmptyState(
    { title, description, suggestions, onSelect, ...rest },
    ref,
  ) {
    const t = useLabels();
    return (
      <div ref={ref} data-slot="empty-state" {...rest}>
        <p data-slot="empty-state-title">{title ?? t('How can I help you today?')}</p>
        {description ? <p data-slot="empty-state-description">{description}</p> : null}
        {suggestions?.length ? (
          <ul data-slot="suggestions" aria-label={t('Suggestions')}>
            {suggestions.map((suggestion, index) => (
              // By place: an app may offer the same words twice.
              <li key={`${index}:${suggestion}`}>
                <button type="button" data-slot="suggestion" onClick={() => void onSelect?.(suggestion)}>
                  {suggestion}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  });
