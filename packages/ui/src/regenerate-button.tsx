import {
  type ButtonHTMLAttributes,
  forwardRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { Icon } from './icons.tsx';
import { useLabels } from './labels.tsx';

/** Props of {@link RegenerateButton}. */
export type RegenerateButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * Asks for a new answer in place of the last one. Its text defaults to "Regenerate".
 *
 * @example
 * <RegenerateButton onClick={() => void regenerate(message.id)} />
 */
export const RegenerateButton: ForwardRefExoticComponent<
  RegenerateButtonProps & RefAttributes<HTMLButtonElement>
> = /* @__PURE__ */ forwardRef<HTMLButtonElement, RegenerateButtonProps>(function RegenerateButton(
  { children, ...rest },
  ref,
) {
  const t = useLabels();
  return (
    <button ref={ref} type="button" data-slot="regenerate-button" {...rest}>
      <Icon name="regenerate" />
      <span data-slot="button-label">{children ?? t('Regenerate')}</span>
    </button>
  );
});
