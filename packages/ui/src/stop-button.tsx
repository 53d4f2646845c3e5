import {
  type ButtonHTMLAttributes,
  forwardRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { Icon } from './icons.tsx';
import { useLabels } from './labels.tsx';

/** Props of {@link StopButton}. */
export type StopButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * Stops the response being generated; what was received stays. Its text defaults to "Stop".
 *
 * @example
 * {status === 'streaming' ? <StopButton onClick={() => void stop()} /> : null}
 */
export const StopButton: ForwardRefExoticComponent<StopButtonProps & RefAttributes<HTMLButtonElement>> =
  /* @__PURE__ */ forwardRef<HTMLButtonElement, StopButtonProps>(function StopButton(
    { children, ...rest },
    ref,
  ) {
    const t = useLabels();
    return (
      <button ref={ref} type="button" data-slot="stop-button" {...rest}>
        <Icon name="stop" />
        <span data-slot="button-label">{children ?? t('Stop')}</span>
      </button>
    );
  });
