import type { ChatInput } from '@chatstream/reader';
import { type ForwardRefExoticComponent, forwardRef, type RefAttributes, useRef } from 'react';
import { Composer, type ComposerProps, Icon, useLabels } from '@chatstream/ui';
import { AttachmentList } from './attachment-list.tsx';
import { ATTACHMENT_ICONS } from './attachment-icons.ts';
import { type AttachmentOptions, useAttachments } from './use-attachments.ts';
import { useFileDrop } from './use-file-drop.ts';

/** Props of {@link AttachmentComposer}. */
export interface AttachmentComposerProps
  extends Omit<ComposerProps, 'onSend' | 'sendable'>, AttachmentOptions {
  /** Called when the user sends: the trimmed text, or the attached files' blocks followed by the text. */
  onSend: (input: ChatInput) => unknown;
  /** What the file picker offers (`<input accept>`); default: every file (the bytes decide what is taken). */
  accept?: string | undefined;
}

/**
 * The {@link Composer} with attachments: images, PDFs and text files picked with the attach button,
 * pasted, or dropped on it or anywhere on its `ChatStream` go into the message as API content blocks (images first scaled to what
 * the API keeps). Each shows as a thumbnail or a name with a remove button; one that cannot be sent
 * says why. A message may be files alone. `data-dragging` is set while files are dragged over it.
 * Its words come from the app's labels (`LabelsProvider` or `<ChatStream labels>`), English without them.
 *
 * @example
 * import { AttachmentComposer, attachmentRenderers } from '@chatstream/ui/attachments';
 * <ChatStream api="/api/chat" components={{ Composer: AttachmentComposer }} renderers={attachmentRenderers} />
 */
export const AttachmentComposer: ForwardRefExoticComponent<
  AttachmentComposerProps & RefAttributes<HTMLFormElement>
> = /* @__PURE__ */ forwardRef<HTMLFormElement, AttachmentComposerProps>(function AttachmentComposer(
  { onSend, accept, maxBytes, maxFiles, citations, children, ...rest },
  ref,
) {
  const t = useLabels();
  const { attachments, add, remove, take } = useAttachments({ maxBytes, maxFiles, citations });
  const picker = useRef<HTMLInputElement>(null);
  const dragging = useFileDrop(picker, add, rest.disabled);
  const reading = attachments.some((attachment) => attachment.status === 'reading');
  const ready = attachments.filter((attachment) => attachment.block).length;

  const send = (text: string): unknown => {
    const blocks = take();
    return onSend(blocks.length ? [...blocks, ...(text ? [{ type: 'text' as const, text }] : [])] : text);
  };
  return (
    <Composer
      ref={ref}
      {...rest}
      onSend={send}
      sendable={reading ? false : ready > 0 || undefined}
      data-dragging={dragging || undefined}
      onPaste={(event) => {
        rest.onPaste?.(event);
        // Text copied from a document often comes with a picture of it: then the text is what was meant.
        const { files, types } = event.clipboardData;
        if (files.length === 0 || types.includes('text/plain') || rest.disabled) return;
        event.preventDefault();
        add(files);
      }}
    >
      {attachments.length ? <AttachmentList attachments={attachments} onRemove={remove} /> : null}
      {/* Always there, so screen readers hear each change (a live region must exist before it). */}
      <span data-slot="attachment-status" role="status">
        {ready ? (ready === 1 ? t('1 file attached') : t('{0} files attached', ready)) : ''}
      </span>
      <button
        type="button"
        data-slot="attach-button"
        disabled={rest.disabled}
        onClick={() => picker.current?.click()}
      >
        <Icon d={ATTACHMENT_ICONS.attach} />
        <span data-slot="button-label">{t('Attach files')}</span>
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        accept={accept}
        onChange={(event) => {
          if (event.target.files) add(event.target.files);
          // The same file may be picked again after it was removed.
          event.target.value = '';
        }}
      />
      {children}
    </Composer>
  );
});
