import {
  type ComponentType,
  type FormHTMLAttributes,
  forwardRef,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
  type ForwardRefExoticComponent,
  type RefAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { Icon } from './icons.tsx';
import { useLabels } from './labels.tsx';
import { useBrowserLayoutEffect } from './use-layout-effect.ts';
import { StopButton, type StopButtonProps } from './stop-button.tsx';

/** Props of {@link Composer}. */
export interface ComposerProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** Called with the trimmed text when the user sends (Enter or the send button). */
  onSend: (text: string) => unknown;
  /** Called when the user stops the response (Esc or the stop button). */
  onStop?: (() => unknown) | undefined;
  /** A response is on its way (`submitted` or `streaming`): sending waits, Esc and the stop button stop it. */
  busy?: boolean | undefined;
  /** Disables the whole composer. */
  disabled?: boolean | undefined;
  /** Placeholder of the text box (default "Message Claude…"). */
  placeholder?: string | undefined;
  /** Accessible name of the text box (default "Message"). */
  label?: string | undefined;
  /** The initial draft. */
  defaultValue?: string | undefined;
  /** Replaces the stop button. */
  stopButton?: ComponentType<StopButtonProps> | undefined;
  /**
   * Whether there is something to send. Default: text that is not blank; a composer with attachments
   * says `true` when files are attached (the text may be empty) and `false` while they are being read.
   */
  sendable?: boolean | undefined;
  /** Drawn in the form before the text box: attachment previews, an attach button. */
  children?: ReactNode | undefined;
  /**
   * Attributes of the text box: `enterKeyHint`, `autoComplete`, `spellCheck`, `maxLength`, `name`,
   * `aria-describedby`, handlers… Its `onChange` is called after the composer's; an `onKeyDown`
   * that calls `preventDefault()` keeps Enter from sending and Esc from stopping.
   */
  textBoxProps?:
    | Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'children'>
    | undefined;
}

/**
 * The message box: an autosizing text area where Enter sends, Shift+Enter starts a new line and Esc
 * stops the response; on a touch screen Return starts a new line and the button (or Ctrl/Cmd+Enter)
 * sends. Text being composed with an input method (IME) is never sent. Sending is off
 * while a response is pending (the draft stays editable), and focus returns to the text box after a
 * send or a stop. `data-state` is `idle`, `busy` or `disabled`.
 *
 * @example
 * <Composer busy={status === 'submitted' || status === 'streaming'} onSend={send} onStop={stop} />
 */
export const Composer: ForwardRefExoticComponent<ComposerProps & RefAttributes<HTMLFormElement>> =
  /* @__PURE__ */ forwardRef<HTMLFormElement, ComposerProps>(function Composer(
    {
      onSend,
      onStop,
      busy = false,
      disabled = false,
      placeholder,
      label,
      defaultValue = '',
      stopButton: Stop = StopButton,
      sendable,
      children,
      textBoxProps,
      ...rest
    },
    ref,
  ) {
    const t = useLabels();
    const [value, setValue] = useState(defaultValue);
    const input = useRef<HTMLTextAreaElement>(null);
    // Whether the last press on the composer was a finger's (or a pen's): focus in the text box would
    // then raise the on-screen keyboard over the answer the person stopped to read.
    const touched = useRef(false);

    // Autosize: measure the content height after each change (CSS caps it and scrolls beyond).
    useBrowserLayoutEffect(() => {
      const element = input.current!;
      element.style.height = 'auto';
      element.style.height = `${element.scrollHeight}px`;
    }, [value]);

    // A control removed while it had the focus (the stop button as the answer ends, a removed
    // attachment) would leave it on <body>: the message box takes it instead. Natively: React does not
    // report the blur of an element it removes.
    useEffect(() => {
      const form = input.current!.form!;
      const refocus = ({ target }: FocusEvent): unknown =>
        setTimeout(
          () =>
            (target as Node).isConnected ||
            document.activeElement !== document.body ||
            touched.current ||
            input.current?.focus(),
        );
      form.addEventListener('focusout', refocus);
      return () => form.removeEventListener('focusout', refocus);
    }, []);

    const canSend = sendable ?? !!value.trim();

    // A handler may return a promise: its rejection is the app's to report, not an unhandled one here.
    const settle = (result: unknown, focus = true): void => {
      void Promise.resolve(result).catch(() => undefined);
      if (focus) input.current?.focus();
    };

    const send = (): void => {
      if (!canSend || busy || disabled) return;
      setValue('');
      settle(onSend(value.trim()));
    };

    const stop = (): void => settle(onStop?.(), !touched.current);

    // On the form: Esc stops from any of its controls (the stop button, an attach button), Enter sends
    // from the text box only.
    const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
      touched.current = false;
      if (event.defaultPrevented) return;
      // keyCode 229 is what browsers report for keys that an IME is handling (Safari ends composition
      // before the Enter keydown, so isComposing alone is not enough).
      if (event.nativeEvent.isComposing || event.keyCode === 229) return;
      // A touch keyboard has no Shift to hold for a new line: there Return starts one and the button
      // sends. Ctrl/Cmd+Enter sends everywhere (a tablet with a keyboard).
      const touch = globalThis.matchMedia?.('(pointer: coarse)').matches;
      if (event.key === 'Escape' && busy && onStop) {
        event.preventDefault();
        stop();
      } else if (
        event.target === input.current &&
        event.key === 'Enter' &&
        !event.shiftKey &&
        (!touch || event.ctrlKey || event.metaKey)
      ) {
        event.preventDefault();
        send();
      }
    };

    return (
      <form
        ref={ref}
        data-slot="composer"
        data-state={disabled ? 'disabled' : busy ? 'busy' : 'idle'}
        {...rest}
        // An app's own key handler runs first, then the composer's (a `preventDefault` skips its keys).
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
        onKeyDown={(event) => {
          rest.onKeyDown?.(event);
          onKeyDown(event);
        }}
        onPointerDown={(event) => {
          touched.current = event.pointerType === 'touch' || event.pointerType === 'pen';
          rest.onPointerDown?.(event);
        }}
      >
        {children}
        <textarea
          ref={input}
          data-slot="composer-input"
          aria-label={label ?? t('Message')}
          placeholder={placeholder ?? t('Message Claude…')}
          rows={1}
          // Right to left as soon as the first letter typed is Hebrew or Arabic.
          dir="auto"
          {...textBoxProps}
          value={value}
          disabled={disabled}
          onChange={(event) => {
            setValue(event.target.value);
            textBoxProps?.onChange?.(event);
          }}
        />
        {/* Send and Stop take turns in one place: the second click of a double click lands on the
            other one (a question stopped as it was asked, a draft sent by a Stop), so it counts for nothing. */}
        {busy && onStop ? (
          <Stop onClick={(event) => (event?.detail ?? 0) > 1 || stop()} disabled={disabled} />
        ) : (
          <button
            type="submit"
            data-slot="send-button"
            disabled={disabled || busy || !canSend}
            onClick={(event) => event.detail > 1 && event.preventDefault()}
          >
            <Icon name="send" />
            <span data-slot="button-label">{t('Send')}</span>
          </button>
        )}
      </form>
    );
  });
