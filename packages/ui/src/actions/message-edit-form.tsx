import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

/** Props of {@link MessageEditForm}. */
export interface MessageEditFormProps {
  /** The text to start from. */
  initial: string;
  /** Called with the edited text, trimmed; not called while it is empty. */
  onSave: (text: string) => void;
  /** Called on Cancel or Escape. */
  onCancel: () => void;
  /** Label of the save button (default "Save & resend"). */
  saveLabel?: string | undefined;
  /** Label of the cancel button (default "Cancel"). */
  cancelLabel?: string | undefined;
  /** Accessible name of the text box (default "Edit message"). */
  inputLabel?: string | undefined;
}

/**
 * Edits the text of a sent message in place: Enter saves (Shift+Enter is a new line, and a key that
 * ends an IME composition does not save), Escape cancels.
 *
 * @example
 * <MessageEditForm initial={text} onSave={(next) => void chat.edit(id, next)} onCancel={close} />
 */
export function MessageEditForm({
  initial,
  onSave,
  onCancel,
  saveLabel = 'Save & resend',
  cancelLabel = 'Cancel',
  inputLabel = 'Edit message',
}: MessageEditFormProps): ReactNode {
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
        aria-label={inputLabel}
        value={draft}
        dir="auto"
        rows={Math.min(8, draft.split('\n').length + 1)}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div data-slot="message-edit-actions">
        <button type="button" data-slot="message-edit-cancel" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" data-slot="message-edit-save" disabled={!draft.trim()}>
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
