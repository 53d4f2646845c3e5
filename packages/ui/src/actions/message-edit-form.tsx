import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useLabels } from '@chatstream/ui';

/** Props of {@link MessageEditForm}. */
export interface MessageEditFormProps {
  /** The text to start from. */
  initial: string;
  /** Called with the edited text, trimmed; not called while it is empty. */
  onSave: (text: string) => void;
  /** Called on Cancel or Escape. */
  onCancel: () => void;
  /** Label of the save button (default: the app's label for "Save & resend"). */
  saveLabel?: string | undefined;
  /** Label of the cancel button (default: the app's label for "Cancel"). */
  cancelLabel?: string | undefined;
  /** Accessible name of the text box (default: the app's label for "Edit message"). */
  inputLabel?: string | undefined;
}

/**
 * Edits the text of a sent message in place: Enter saves (Shift+Enter is a new line, and a key that
 * ends an IME composition does not save), Escape cancels. The labels given win over the app's
 * labels (`LabelsProvider` or `<ChatStream labels>`), which win over English.
 *
 * @example
 * <MessageEditForm initial={text} onSave={(next) => void chat.edit(id, next)} onCancel={close} />
 */
export function MessageEditForm({
  initial,
  onSave,
  onCancel,
  saveLabel,
  cancelLabel,
  inputLabel,
}: MessageEditFormProps): ReactNode {
  const t = useLabels();
  const [draft, setDraft] = useState(initial);
  const input = useRef<HTMLTextAreaElement>(null);
  // The person just asked to edit: the caret goes to the end of their text.
  useEffect(() => {
    input.current?.focus();
    input.current?.setSelectionRange(initial.length, initial.length);
  }, [initial]);
  const save = (event?: FormEvent): void => {
    event?.preventDefault();
    if (draft.trim()) onSave(draft.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey) save(event);
  };
  return (
    <form data-slot="message-edit-form" onSubmit={save}>
      <textarea
        ref={input}
        data-slot="message-edit-input"
        aria-label={inputLabel ?? t('Edit message')}
        value={draft}
        dir="auto"
        rows={Math.min(8, draft.split('\n').length + 1)}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div data-slot="message-edit-actions">
        <button type="button" data-slot="message-edit-cancel" onClick={onCancel}>
          {cancelLabel ?? t('Cancel')}
        </button>
        <button type="submit" data-slot="message-edit-save" disabled={!draft.trim()}>
          {saveLabel ?? t('Save & resend')}
        </button>
      </div>
    </form>
  );
}
