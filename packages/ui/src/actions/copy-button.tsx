import {
  type ButtonHTMLAttributes,
  forwardRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { Icon, useLabels } from '@chatstream/ui';
import { useCopy } from '../use-copy.ts';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  /** What to copy, or a function that gives it when the button is pressed. */
  text: string | (() => string);
  /** The label (default: the app's label for "Copy"). */
  label?: string | undefined;
  /** The label for two seconds after a copy (default: the app's label for "Copied"). */
  copiedLabel?: string | undefined;
  /** The label for two seconds after the browser refused (default: the app's label for "Could not copy"). */
  failedLabel?: string | undefined;
  /** Told of a refusal, e.g. to log it. */
  onCopyError?: ((error: unknown) => void) | undefined;
}

const COPY = 'M9 9h10v11H9zM5 15V4h10';
const CHECK = 'M5 12.5 10 17l9-10';
const CROSS = 'M6 6l12 12M18 6 6 18';

/**
 * Copies text to the clipboard and says so: its label reads "Copied" for two seconds (announced to
 * screen readers), or "Could not copy" when the browser refused. Works on plain HTTP too. The labels
 * given win over the app's labels (`LabelsProvider` or `<ChatStream labels>`), which win over English.
 *
 * @example
 * <CopyButton text={() => messageText(message)} />
 */
export const CopyButton: ForwardRefExoticComponent<CopyButtonProps & RefAttributes<HTMLButtonElement>> =
  /* @__PURE__ */ forwardRef<HTMLButtonElement, CopyButtonProps>(function CopyButton(
    { text, label, copiedLabel, failedLabel, onCopyError, onClick, ...rest },
    ref,
  ) {
    const t = useLabels();
    const [state, copy] = useCopy();
    const shown =
      state === 'copied'
        ? (copiedLabel ?? t('Copied'))
        : state === 'failed'
          ? (failedLabel ?? t('Could not copy'))
          : (label ?? t('Copy'));
    return (
      <button
        ref={ref}
        type="button"
        data-slot="copy-button"
        data-state={state}
        // A tooltip for when the label is hidden and the icon alone shows.
        title={shown}
        onClick={(event) => {
          onClick?.(event);
          if (event.defaultPrevented) return;
          void copy(typeof text === 'function' ? text() : text).then(
            (error) => error && onCopyError?.(error),
          );
        }}
        {...rest}
      >
        <Icon d={state === 'copied' ? CHECK : state === 'failed' ? CROSS : COPY} />
        {/* Live, so the outcome is heard as well as seen. */}
        <span data-slot="button-label" aria-live="polite">
          {shown}
        </span>
      </button>
    );
  });
