import {
  type ButtonHTMLAttributes,
  forwardRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { Icon } from './icons.tsx';

/** Props of {@link StopButton}. */
export type StopButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * Stops the response being generated; what was received stays. Its text defaults to "Stop".
 *
 * @example
 * {status === 'streaming' ? <StopButton onClick={() => void stop()} /> : null}
 */
export const StopButton: ForwardRefExoticComponent<StopButtonProps & RefAttributes<HTMLButtonElement>> =
  forwardRef<HTMLButtonElement, StopButtonProps>(function StopButton({ children = 'Stop', ...rest }, ref) {
    return (
      <button ref={ref} type="button" data-slot="stop-button" {...rest}>
        <Icon name="stop" />
        <span data-slot="button-label">{children}</span>
      </button>
    );
  });
