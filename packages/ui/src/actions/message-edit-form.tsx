import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { UserContentBlock } from '@chatstream/reader';
import { type Translate, useLabels } from '@chatstream/ui';

/** Props of {@link MessageEditForm}. */
export interface MessageEditFormProps {
  /** The text to start from. */
  initial: string;
  /**
   * The message's other blocks: its images and documents are listed, each with a Remove button;
   * what is left of them is given to `onSave`.
   */
  attachments?: readonly UserContentBlock[] | undefined;
  /**
   * Called with the edited text, trimmed, and the attachments kept; not called while both are
   * empty.
   */
  onSave: (text: string, attachments: UserContentBlock[]) => void;
  /** Called on Cancel or Escape. */
  onCancel: () => void;
  /** Label of the save button (default: the app's label for "Save & resend"). */
  saveLabel?: string | undefined;
  /** Label of the cancel button (default: the app's label for "Cancel"). */
  cancelLabel?: string | undefined;
  /** Accessible name of the text box (default: the app's label for "Edit message"). */
  inputLabel?: string | undefined;
  /** While an answer is on its way: Save waits for it (disabled), and the edit stays in the box. */
  busy?: boolean | undefined;
}

/**
 * Edits a sent message in place: its text, and which of its images and documents go again (a photo
 * that made the conversation too large to send can be removed). Enter saves (Shift+Enter is a new
 * line, and a key that ends an IME composition does not save), Escape cancels. The labels given
 * win over the app's labels (`LabelsProvider` or `<ChatStream labels>`), which win over English.
 *
 * @example
 * <MessageEditForm initial={text} onSave={(next) => void chat.edit(id, next)} onCancel={close} />
 */
export function MessageEditForm({
  initial,
  attachments = [],
  onSave,
  onCancel,
  saveLabel,
  cancelLabel,
  inputLabel,
  busy = false,
}: MessageEditFormProps): ReactNode {
  const t = useLabels();
  const [draft, setDraft] = useState(initial);
  const [kept, setKept] = useState(attachments);
  const input = useRef<HTMLTextAreaElement>(null);
  const list = useRef<HTMLUListElement>(null);
  // The person just asked to edit: the caret goes to the end of their text.
  useEffect(() => {
    input.current?.focus();
    input.current?.setSelectionRange(initial.length, initial.length);
  }, [initial]);
  const shown = kept.filter(isAttachment);
  const sendable = draft.trim() !== '' || shown.length > 0;
  const save = (event?: FormEvent): void => {
    event?.preventDefault();
    if (sendable && !busy) onSave(draft.trim(), [...kept]);
  };
  const remove = (block: UserContentBlock, at: number): void => {
    setKept(kept.filter((item) => item !== block));
    // The focus goes on to the next file's Remove, else the previous one's, else the text.
    const buttons = list.current?.querySelectorAll('button');
    (buttons?.[at + 1] ?? buttons?.[at - 1] ?? input.current)?.focus();
  };
  // On the form: Escape cancels from any of its controls (a file's Remove, Save), Enter saves from
  // the text box only.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && event.target === input.current) save(event);
  };
  // Two photos are both "PNG image": numbered, so that a person can tell which to remove.
  const names = shown.map((block) => attachmentName(block, t));
  const numbered = names.map((name, at) =>
    names.indexOf(name) === names.lastIndexOf(name)
      ? name
      : `${name} ${names.slice(0, at + 1).filter((other) => other === name).length}`,
  );
  return (
    <form data-slot="message-edit-form" onSubmit={save} onKeyDown={onKeyDown}>
      {shown.length > 0 ? (
        <ul ref={list} data-slot="message-edit-attachments" aria-label={t('Attachments')}>
          {shown.map((block, at) => {
            const name = numbered[at]!;
            return (
              // Keyed by its place in the message: the next file's button, focused, stays in the page.
              <li key={attachments.indexOf(block)} data-slot="message-edit-attachment">
                <span title={name}>{name}</span>
                <button type="button" aria-label={t('Remove {0}', name)} onClick={() => remove(block, at)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <textarea
        ref={input}
        data-slot="message-edit-input"
        aria-label={inputLabel ?? t('Edit message')}
        value={draft}
        dir="auto"
        rows={Math.min(8, draft.split('\n').length + 1)}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div data-slot="message-edit-actions">
        <button type="button" data-slot="message-edit-cancel" onClick={onCancel}>
          {cancelLabel ?? t('Cancel')}
        </button>
        <button type="submit" data-slot="message-edit-save" disabled={!sendable || busy}>
          {saveLabel ?? t('Save & resend')}
        </button>
      </div>
    </form>
  );
}

const isAttachment = (block: UserContentBlock): boolean =>
  block.type === 'image' || block.type === 'document';

/** A document's title, or what kind of image it is ("PNG image"). */
function attachmentName(block: UserContentBlock, t: Translate): string {
  const fields = block as { title?: unknown; source?: { media_type?: unknown } };
  if (block.type === 'document') {
    return typeof fields.title === 'string' && fields.title ? fields.title : t('Document');
  }
  const media = fields.source?.media_type;
  return typeof media === 'string' && media.startsWith('image/')
    ? t('{0} image', media.slice(6).toUpperCase())
    : t('Image');
}
