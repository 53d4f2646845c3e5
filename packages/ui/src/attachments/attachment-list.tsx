import { type HTMLAttributes, type ReactNode, useState } from 'react';
import { ATTACHMENT_ICONS } from './attachment-icons.ts';
import type { Attachment } from './use-attachments.ts';
import { Icon, useLabels } from '@chatstream/ui';

/** Props of {@link AttachmentList}. */
export interface AttachmentListProps extends HTMLAttributes<HTMLUListElement> {
  attachments: readonly Attachment[];
  onRemove: (id: string) => void;
}

/**
 * The files attached to the message being written: a thumbnail for an image, the name for the rest,
 * each with a remove button; a file that cannot be sent says why (announced). `data-state` of each
 * item is `reading`, `ready` or `error`. Removing one moves the focus to the next Remove button (else
 * the previous one, else the attach button or the text box of the composer around the list).
 *
 * @example
 * <AttachmentList attachments={attachments} onRemove={remove} />
 */
export function AttachmentList({ attachments, onRemove, ...rest }: AttachmentListProps): ReactNode {
  const t = useLabels();
  return (
    <ul data-slot="attachment-list" aria-label={t('Attachments')} {...rest}>
      {attachments.map((attachment) => (
        <li
          key={attachment.id}
          data-slot="attachment"
          data-state={attachment.status}
          data-type={attachment.block?.type}
          aria-busy={attachment.status === 'reading' || undefined}
        >
          <Preview attachment={attachment} />
          <span data-slot="attachment-name">{attachment.name}</span>
          {attachment.error ? (
            <span data-slot="attachment-error" role="alert">
              {attachment.error.message}
            </span>
          ) : null}
          <button
            type="button"
            data-slot="attachment-remove"
            aria-label={t('Remove {0}', attachment.name)}
            onClick={({ currentTarget: button }) => {
              // The button goes away: the focus goes on to the next file's Remove (the last child of
              // its item), else the previous one's, else the attach button or the text box.
              const item = button.parentElement!;
              const next = ((item.nextSibling ?? item.previousSibling)?.lastChild ??
                button.form?.querySelector('[data-slot="attach-button"],textarea')) as HTMLElement | null;
              next?.focus();
              onRemove(attachment.id);
            }}
          >
            <Icon d={ATTACHMENT_ICONS.remove} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Preview({ attachment: { block } }: { attachment: Attachment }): ReactNode {
  // An image the page may not load (a Content-Security-Policy without `img-src data:`, a corrupt
  // file) shows the image icon instead of the browser's broken picture.
  const [failed, setFailed] = useState(false);
  const image = block?.type === 'image';
  if (image && block.source.type === 'base64' && !failed) {
    return (
      <img
        data-slot="attachment-thumbnail"
        alt=""
        src={`data:${block.source.media_type};base64,${block.source.data}`}
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span data-slot="attachment-icon">
      <Icon d={image ? ATTACHMENT_ICONS.image : ATTACHMENT_ICONS.document} />
    </span>
  );
}
